import { buildReport, type Alert, type NotificationPrefs } from '@stallkeeper/shared';
import type { Users } from '../auth/users.ts';
import type { Logger } from '../log.ts';
import type { Shops } from '../shops/shops.ts';
import type { Storage } from '../storage/storage.ts';
import { getOrNull, isPouchError } from '../system-db.ts';
import { digestInput } from './digest-reads.ts';
import type { Mailer } from './mailer.ts';
import { digestMail, oversellMail } from './notice-mail.ts';

/**
 * The owners' own emails, each opted into per owner and shop: a daily digest of
 * the day before (the shared report's figures) and an email the moment the server
 * flags an oversell. Only to verified addresses; each at most once (outbox ids).
 */
export type NoticePrefs = NotificationPrefs;

interface PrefsDoc extends NoticePrefs {
  _id: string; // notify:<shopId>:<userId>
  _rev?: string;
  type: 'notify';
  shopId: string;
  userId: string;
  /** the last day (YYYY-MM-DD, UTC) a digest was queued for */
  lastDigest?: string;
}

/** Digests go out once the day is well over (UTC). */
const DIGEST_HOUR = 6;
const PAGE = 500;

const prefsId = (shopId: string, userId: string) => `notify:${shopId}:${userId}`;

export class OwnerNotices {
  constructor(
    private readonly system: PouchDB.Database,
    private readonly storage: Storage,
    private readonly shops: Shops,
    private readonly users: Users,
    private readonly mail: Mailer,
    private readonly onHand: (shopId: string) => Promise<ReadonlyMap<string, number>>,
    private readonly log: Logger,
  ) {}

  async prefs(shopId: string, userId: string): Promise<NoticePrefs> {
    const doc = await getOrNull<PrefsDoc>(this.system, prefsId(shopId, userId));
    return { digest: doc?.digest ?? false, oversell: doc?.oversell ?? false };
  }

  async setPrefs(shopId: string, userId: string, prefs: NoticePrefs): Promise<NoticePrefs> {
    const current = await getOrNull<PrefsDoc>(this.system, prefsId(shopId, userId));
    await this.system.put({
      ...(current ?? { _id: prefsId(shopId, userId), type: 'notify', shopId, userId }),
      digest: prefs.digest,
      oversell: prefs.oversell,
    } satisfies PrefsDoc);
    return prefs;
  }

  /** A new alert in a shop (the resolver calls this once it is stored). */
  async alertRaised(shopId: string, alert: Alert): Promise<void> {
    if (alert.kind !== 'oversell') return;
    const shop = await this.shops.byId(shopId);
    for (const owner of await this.#owners(shopId)) {
      if (!(await this.prefs(shopId, owner.id)).oversell) continue;
      await this.mail.outbox.enqueue(
        oversellMail(owner.email, shop?.name ?? 'Your shop', alert, this.mail.link('/alerts')),
        undefined,
        `oversell-${shopId}-${owner.id}-${alert._id.replace(/[^A-Za-z0-9]/g, '')}`,
      );
    }
  }

  /**
   * Queue yesterday's digest for every owner who asked and has not had it (call
   * it as often as you like: hourly, and at start).
   */
  async sendDigests(now = Date.now()): Promise<number> {
    if (new Date(now).getUTCHours() < DIGEST_HOUR) return 0;
    const day = new Date(now - 86_400_000).toISOString().slice(0, 10);
    let queued = 0;
    let startkey = 'notify:';
    for (;;) {
      const res = await this.system.allDocs({
        startkey,
        endkey: 'notify:\ufff0',
        include_docs: true,
        limit: PAGE + 1,
      });
      const rows = res.rows.slice(0, PAGE);
      const due = rows
        .map((r) => r.doc as unknown as PrefsDoc | undefined)
        .filter((d): d is PrefsDoc => !!d && d.digest && d.lastDigest !== day);
      const byShop = new Map<string, PrefsDoc[]>();
      for (const d of due) byShop.set(d.shopId, [...(byShop.get(d.shopId) ?? []), d]);
      for (const [shopId, wanting] of byShop) {
        queued += await this.#digest(shopId, day, wanting).catch((err: unknown) => {
          this.log.error('digest failed', { shopId, error: (err as Error).message });
          return 0;
        });
      }
      const last = res.rows[PAGE];
      if (!last) return queued;
      startkey = last.id;
    }
  }

  async #digest(shopId: string, day: string, wanting: PrefsDoc[]): Promise<number> {
    const shop = await this.shops.byId(shopId);
    if (!shop) return 0;
    const owners = new Map((await this.#owners(shopId)).map((o) => [o.id, o]));
    const report = buildReport(
      await digestInput(this.storage.shop(shopId), await this.onHand(shopId), day),
    );
    let queued = 0;
    for (const prefs of wanting) {
      const owner = owners.get(prefs.userId);
      if (owner) {
        await this.mail.outbox.enqueue(
          digestMail(owner.email, shop.name, day, report, this.mail.link('/reports')),
          undefined,
          `digest-${shopId}-${owner.id}-${day}`,
        );
        queued++;
      }
      try {
        await this.system.put({ ...prefs, lastDigest: day });
      } catch (err) {
        if (!isPouchError(err, 409)) throw err; // changed meanwhile: next hour's run sees it
      }
    }
    return queued;
  }

  /** The shop's owners with a verified email (no mail goes to an unproven address). */
  async #owners(shopId: string): Promise<{ id: string; email: string }[]> {
    const out: { id: string; email: string }[] = [];
    for (const m of await this.shops.members(shopId)) {
      if (m.role !== 'owner') continue;
      const user = await this.users.byId(m.userId);
      if (user?.emailVerifiedAt) out.push({ id: user.id, email: user.email });
    }
    return out;
  }
}
