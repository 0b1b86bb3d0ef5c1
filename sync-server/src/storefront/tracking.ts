import { createHash, randomBytes } from 'node:crypto';
import { getOrNull } from '../system-db.ts';

/**
 * Customers' keys to their orders, in the server-only system database. A tracking
 * token opens one order's page (`track:<hash>`); an emailed "my orders" token lists
 * what one email address ordered from one shop for a week (`myorders:<hash>`). Only
 * hashes name the lookups; the order keeps its own token (`trackorder:…`) so a
 * retried checkout and the emailed list can hand it out again.
 */
const hash = (token: string) => createHash('sha256').update(token).digest('base64url');
const emailKey = (email: string) =>
  createHash('sha256').update(email.trim().toLowerCase()).digest('base64url').slice(0, 32);
export const newToken = () => randomBytes(24).toString('base64url');
/** Tokens are 32 base64url characters: anything else is not looked up. */
const TOKEN_RE = /^[A-Za-z0-9_-]{32}$/;

const MY_ORDERS_MS = 7 * 24 * 60 * 60 * 1000;
/** Expired links removed per new one: more than are made, so they never pile up. */
const SWEEP_LIMIT = 20;
/** A time as a fixed-width key, so keys sort as times do. */
const expiryKey = (ms: number) => String(ms).padStart(15, '0');
/** The most orders one emailed list shows (the most recent). */
export const MAX_LISTED = 50;

export interface Tracked {
  shopId: string;
  orderId: string;
}

interface OrderKey {
  _id: string;
  token: string;
  email: string;
  /** the test-card attempts, oldest first */
  payments: string[];
}

export class Tracking {
  constructor(private readonly system: PouchDB.Database) {}

  /** A new order's token (and, with an email, its place in that address's list). */
  async create(shopId: string, orderId: string, email: string): Promise<string> {
    const token = newToken();
    const docs: object[] = [
      { _id: `track:${hash(token)}`, shopId, orderId },
      { _id: `trackorder:${shopId}:${orderId}`, token, email, payments: [] },
    ];
    if (email) {
      docs.push({ _id: `trackmail:${shopId}:${emailKey(email)}:${orderId.slice(6)}`, orderId });
    }
    await this.system.bulkDocs(docs);
    return token;
  }

  async find(token: string): Promise<Tracked | null> {
    if (!TOKEN_RE.test(token)) return null;
    const doc = await getOrNull<Tracked>(this.system, `track:${hash(token)}`);
    return doc ? { shopId: doc.shopId, orderId: doc.orderId } : null;
  }

  /** The order's own key: its token, email and payment attempts. */
  async ofOrder(shopId: string, orderId: string): Promise<OrderKey | null> {
    return getOrNull<OrderKey>(this.system, `trackorder:${shopId}:${orderId}`);
  }

  async addPayment(shopId: string, orderId: string, paymentId: string): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const doc = await this.ofOrder(shopId, orderId);
      if (!doc) return;
      try {
        await this.system.put({ ...doc, payments: [...doc.payments, paymentId].slice(-20) });
        return;
      } catch {
        // a concurrent attempt wrote first: read again
      }
    }
  }

  /** The orders one address placed at one shop, most recent first (bounded). */
  async ordersOf(shopId: string, email: string): Promise<string[]> {
    const prefix = `trackmail:${shopId}:${emailKey(email)}:`;
    const res = await this.system.allDocs({
      startkey: `${prefix}\ufff0`,
      endkey: prefix,
      descending: true,
      limit: MAX_LISTED,
    });
    return res.rows.map((r) => `order:${r.id.slice(prefix.length)}`);
  }

  /**
   * A week-long link listing an address's orders at a shop. Each new link first
   * removes a few expired ones (found by their expiry, `myordersexp:<time>:<hash>`), so
   * the links kept never outgrow the week's requests (which the mail throttle bounds).
   */
  async createList(shopId: string, email: string, now = Date.now()): Promise<string> {
    await this.sweepLists(now);
    const token = newToken();
    const expiresAt = now + MY_ORDERS_MS;
    await this.system.bulkDocs([
      { _id: `myorders:${hash(token)}`, shopId, email: email.trim().toLowerCase(), expiresAt },
      { _id: `myordersexp:${expiryKey(expiresAt)}:${hash(token)}` },
    ]);
    return token;
  }

  /** Remove up to `limit` links that have expired by `now`; resolves with how many. */
  async sweepLists(now = Date.now(), limit = SWEEP_LIMIT): Promise<number> {
    const due = await this.system.allDocs({
      startkey: 'myordersexp:',
      endkey: `myordersexp:${expiryKey(now)}`,
      limit,
    });
    if (!due.rows.length) return 0;
    const ids = due.rows.flatMap((r) => [r.id, `myorders:${r.id.split(':')[2] ?? ''}`]);
    const held = await this.system.allDocs({ keys: ids });
    const gone = held.rows.flatMap((r) =>
      'value' in r && r.value && !r.value.deleted
        ? [{ _id: r.id, _rev: r.value.rev, _deleted: true }]
        : [],
    );
    await this.system.bulkDocs(gone);
    return due.rows.length;
  }

  async findList(token: string): Promise<{ shopId: string; email: string } | null> {
    if (!TOKEN_RE.test(token)) return null;
    const doc = await getOrNull<{ shopId: string; email: string; expiresAt: number }>(
      this.system,
      `myorders:${hash(token)}`,
    );
    return doc && doc.expiresAt > Date.now() ? { shopId: doc.shopId, email: doc.email } : null;
  }
}
