import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  authorshipError,
  deviceBindingInput,
  foreignStamp,
  futureStamp,
  isReservedDeviceId,
  MAX_CLOCK_SKEW_MS,
  STAMPED,
  type Writer,
} from './authorship.ts';
import { sampleDoc } from './fixtures/index.ts';
import { encodeHlc } from './hlc.ts';
import { DOC_KINDS, type DocKind } from './schemas/index.ts';

const OWNER = 'user_owner';
const SELLER = 'user_seller';
const PHONE_A = 'dev-AAAA';
const PHONE_B = 'dev-BBBB';
const NOW = Date.parse('2026-03-01T10:00:00.000Z');

/** Kinds a device writes in someone's name. */
const AUTHORED: DocKind[] = ['order', 'orderevent', 'stock', 'invoice', 'audit', 'mail'];

const seller = (over: Partial<Writer> = {}): Writer => ({
  userId: SELLER,
  names: ['Sam', 'Sammy'],
  deviceId: PHONE_B,
  ...over,
});

const stamp = (wall: number, node: string) => encodeHlc({ wall, counter: 0, node });

describe('authorshipError', () => {
  it.each(AUTHORED)('%s: passes only in the writer’s name, from the writer’s device', (kind) => {
    const own = sampleDoc(kind, { by: SELLER, deviceId: PHONE_B, userName: 'Sam' });
    expect(authorshipError(kind, own, seller())).toBeNull();

    const inOwnersName = sampleDoc(kind, { by: OWNER, deviceId: PHONE_B, userName: 'Sam' });
    expect(authorshipError(kind, inOwnersName, seller())).toMatch(/another member's name/);

    const fromOwnersPhone = sampleDoc(kind, { by: SELLER, deviceId: PHONE_A, userName: 'Sam' });
    expect(authorshipError(kind, fromOwnersPhone, seller())).toMatch(/device other than/);

    expect(authorshipError(kind, own, seller({ deviceId: null }))).toMatch(/sign in again/);
  });

  it('holds an audit entry to a name the writer has had', () => {
    const entry = (userName: string) =>
      sampleDoc('audit', { by: SELLER, deviceId: PHONE_B, userName });
    expect(authorshipError('audit', entry('Sam'), seller())).toBeNull();
    // a former name: an entry written offline before a rename
    expect(authorshipError('audit', entry('Sammy'), seller())).toBeNull();
    expect(authorshipError('audit', entry('Olga'), seller())).toMatch(/never had/);
    expect(authorshipError('audit', entry('sam'), seller())).toMatch(/never had/);
  });

  it('asks nothing of kinds that do not name their author', () => {
    for (const kind of DOC_KINDS.filter((k) => !AUTHORED.includes(k))) {
      const doc = { ...sampleDoc(kind), by: OWNER, deviceId: PHONE_A };
      expect(authorshipError(kind, doc, seller({ deviceId: null })), kind).toBeNull();
    }
  });

  it('is null exactly when by, deviceId (and an audit name) are the session’s', () => {
    const ids = fc.constantFrom(OWNER, SELLER, 'user_other');
    const devices = fc.constantFrom(PHONE_A, PHONE_B, 'dev-CCCC');
    const names = fc.constantFrom('Sam', 'Sammy', 'Olga', '');
    fc.assert(
      fc.property(
        fc.constantFrom(...AUTHORED),
        ids,
        devices,
        names,
        fc.option(devices, { nil: null }),
        (kind, by, deviceId, userName, sessionDevice) => {
          const doc = { ...sampleDoc(kind), by, deviceId, userName };
          const writer = seller({ deviceId: sessionDevice });
          const expected =
            by === SELLER &&
            sessionDevice !== null &&
            deviceId === sessionDevice &&
            (kind !== 'audit' || writer.names.includes(userName));
          expect(authorshipError(kind, doc, writer) === null).toBe(expected);
        },
      ),
    );
  });
});

describe('device ids', () => {
  it('reserves the server’s own id in any case, with any suffix after - or _', () => {
    for (const id of ['server', 'SERVER', 'Server-1', 'SERVER-1', 'server_eu', 'server-']) {
      expect(isReservedDeviceId(id), id).toBe(true);
      expect(deviceBindingInput.safeParse({ deviceId: id }).success, id).toBe(false);
    }
    for (const id of ['servers', 'myserver', 'server1', 'dev-server', 'phone-A1']) {
      expect(isReservedDeviceId(id), id).toBe(false);
    }
    expect(deviceBindingInput.safeParse({ deviceId: 'phone-A1' }).success).toBe(true);
    // the device id's own format still applies
    expect(deviceBindingInput.safeParse({ deviceId: 'a b' }).success).toBe(false);
    expect(deviceBindingInput.safeParse({ deviceId: 'abc' }).success).toBe(false);
  });
});

describe('futureStamp', () => {
  it('names a field stamped more than MAX_CLOCK_SKEW_MS ahead of now, and only then', () => {
    fc.assert(
      fc.property(fc.integer({ min: -3_600_000, max: 3_600_000 }), (ahead) => {
        const stamps = { name: stamp(NOW - 60_000, PHONE_B), price: stamp(NOW + ahead, PHONE_B) };
        expect(futureStamp(stamps, NOW)).toBe(ahead > MAX_CLOCK_SKEW_MS ? 'price' : null);
      }),
    );
    expect(MAX_CLOCK_SKEW_MS).toBe(5 * 60_000);
    expect(futureStamp({ name: stamp(NOW + 60_000, PHONE_B) }, NOW)).toBeNull();
    expect(futureStamp({ name: stamp(NOW + 5 * 60_000 + 1, PHONE_B) }, NOW)).toBe('name');
  });

  it('leaves malformed stamps to the schema', () => {
    expect(futureStamp(null, NOW)).toBeNull();
    expect(futureStamp({ name: 'not a stamp' }, NOW)).toBeNull();
  });
});

describe('foreignStamp', () => {
  const parent = { name: stamp(NOW - 1000, PHONE_A), price: stamp(NOW - 1000, PHONE_A) };

  it('lets through stamps carried unchanged from the parent, whoever made them', () => {
    expect(foreignStamp({ ...parent }, parent, PHONE_B)).toBeNull();
    expect(foreignStamp({ ...parent, price: stamp(NOW, PHONE_B) }, parent, PHONE_B)).toBeNull();
  });

  it('names a changed field stamped by another device', () => {
    expect(foreignStamp({ ...parent, price: stamp(NOW, PHONE_A) }, parent, PHONE_B)).toBe('price');
    expect(foreignStamp({ ...parent, price: stamp(NOW, 'dev-CCCC') }, parent, PHONE_B)).toBe(
      'price',
    );
    // a new field counts as changed
    expect(foreignStamp({ ...parent, cost: stamp(NOW, PHONE_A) }, parent, PHONE_B)).toBe('cost');
  });

  it('treats every stamp of a new document as the writer’s own to make', () => {
    expect(foreignStamp({ name: stamp(NOW, PHONE_B) }, null, PHONE_B)).toBeNull();
    expect(foreignStamp({ name: stamp(NOW, PHONE_A) }, null, PHONE_B)).toBe('name');
    // a session bound to no device can make no stamp at all
    expect(foreignStamp({ name: stamp(NOW, PHONE_B) }, null, null)).toBe('name');
  });

  it('is null exactly when every stamp is the parent’s or the writer’s', () => {
    const node = fc.constantFrom(PHONE_A, PHONE_B, 'dev-CCCC');
    const field = fc.constantFrom('name', 'price', 'cost');
    const stampsArb = fc.dictionary(
      field,
      fc.tuple(fc.integer({ min: 0, max: 3 }), node).map(([t, n]) => stamp(NOW + t, n)),
    );
    fc.assert(
      fc.property(stampsArb, fc.option(stampsArb, { nil: null }), node, (next, prior, device) => {
        const expected = Object.entries(next).every(
          ([f, s]) => prior?.[f] === s || s.endsWith(`-${device}`),
        );
        expect(foreignStamp(next, prior, device) === null).toBe(expected);
      }),
    );
  });

  it('applies to the kinds whose fields merge by stamp', () => {
    expect([...STAMPED].sort()).toEqual(['alert', 'customer', 'product', 'settings']);
  });
});
