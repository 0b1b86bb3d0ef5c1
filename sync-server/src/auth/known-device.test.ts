import { describe, expect, it } from 'vitest';
import { KNOWN_DEVICE_DAYS, KnownDevices } from './known-device.ts';

const DAY = 86_400_000;

function setup(key = 'test-key') {
  const clock = { now: Date.parse('2026-06-01T08:00:00Z') };
  return { clock, devices: new KnownDevices(key, () => clock.now) };
}

describe('KnownDevices', () => {
  it('proves the account it was issued for, and no other', () => {
    const { devices } = setup();
    const cookie = devices.remember(undefined, 'user-a');
    const device = devices.deviceOf(cookie, 'user-a');
    expect(device).toMatch(/^[\w-]{22}$/);
    expect(devices.deviceOf(cookie, 'user-b')).toBeNull();
  });

  it('gives every login a new device id', () => {
    const { devices } = setup();
    const first = devices.remember(undefined, 'user-a');
    const second = devices.remember(first, 'user-a');
    expect(devices.deviceOf(second, 'user-a')).not.toBe(devices.deviceOf(first, 'user-a'));
    expect(second.split('~')).toHaveLength(1); // replaced, not piled up
  });

  it('remembers up to four accounts on one browser, the most recent first', () => {
    const { devices } = setup();
    let cookie: string | undefined;
    for (const user of ['u1', 'u2', 'u3', 'u4', 'u5']) cookie = devices.remember(cookie, user);
    expect(cookie?.split('~')).toHaveLength(4);
    expect(devices.deviceOf(cookie, 'u5')).not.toBeNull();
    expect(devices.deviceOf(cookie, 'u2')).not.toBeNull();
    expect(devices.deviceOf(cookie, 'u1')).toBeNull();
  });

  it('refuses a tampered, re-targeted, foreign-key or expired token', () => {
    const { clock, devices } = setup();
    const cookie = devices.remember(undefined, 'user-a');
    const [user, device, expires, mac] = cookie.split('.');
    const flip = (s = '') => `${s.slice(0, -1)}${s.endsWith('A') ? 'B' : 'A'}`;
    expect(devices.deviceOf(`${user}.${device}.${expires}.${flip(mac)}`, 'user-a')).toBeNull();
    expect(devices.deviceOf(`user-b.${device}.${expires}.${mac}`, 'user-b')).toBeNull();
    expect(
      devices.deviceOf(`${user}.${device}.${Number(expires) + 1}.${mac}`, 'user-a'),
    ).toBeNull();
    expect(setup('another-key').devices.deviceOf(cookie, 'user-a')).toBeNull();
    clock.now += KNOWN_DEVICE_DAYS * DAY - 1000;
    expect(devices.deviceOf(cookie, 'user-a')).not.toBeNull();
    clock.now += 1000;
    expect(devices.deviceOf(cookie, 'user-a')).toBeNull();
  });

  it('treats garbage as no proof, and drops it on the next login', () => {
    const { devices } = setup();
    for (const junk of ['', '~~~', '....', 'a.b.c.d.e', 'user-a', 'x'.repeat(3000), '🍅.🍅.1.🍅']) {
      expect(devices.deviceOf(junk, 'user-a')).toBeNull();
      const cookie = devices.remember(junk, 'user-a');
      expect(cookie.split('~')).toHaveLength(1);
      expect(devices.deviceOf(cookie, 'user-a')).not.toBeNull();
    }
  });
});
