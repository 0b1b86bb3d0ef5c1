import { randomBytes } from 'node:crypto';
import { getOrNull } from '../system-db.ts';

/**
 * Card payments for online orders, behind one interface so a real provider can be
 * added later: a gateway starts an attempt and says where the customer pays; the
 * outcome comes back to settle(). The test gateway's page is the shop page's own
 * `/s/pay/<id>`, where the customer picks "paid" or "declined".
 */
export interface PaymentGateway {
  readonly name: string;
  /** where the customer goes to pay this attempt */
  payUrl(attemptId: string): string;
}

export const testCardGateway = (link: (path: string) => string): PaymentGateway => ({
  name: 'test_card',
  payUrl: (id) => link(`/s/pay/${id}`),
});

export type AttemptState = 'pending' | 'paid' | 'declined';

export interface Attempt {
  id: string;
  shopId: string;
  orderId: string;
  gateway: string;
  amount: number;
  currency: string;
  state: AttemptState;
  createdAt: string;
  settledAt: string | null;
}

interface AttemptDoc extends Attempt {
  _id: string;
  _rev?: string;
}

const ID_RE = /^[A-Za-z0-9_-]{24}$/;

/** Attempts live in the system database (`payment:<id>`); the shop's audit chain records each step. */
export class PaymentAttempts {
  constructor(
    private readonly system: PouchDB.Database,
    readonly gateway: PaymentGateway,
  ) {}

  async begin(
    a: Omit<Attempt, 'id' | 'gateway' | 'state' | 'createdAt' | 'settledAt'>,
  ): Promise<Attempt> {
    const attempt: Attempt = {
      ...a,
      id: randomBytes(18).toString('base64url'),
      gateway: this.gateway.name,
      state: 'pending',
      createdAt: new Date().toISOString(),
      settledAt: null,
    };
    await this.system.put<AttemptDoc>({ ...attempt, _id: `payment:${attempt.id}` });
    return attempt;
  }

  async get(id: string): Promise<Attempt | null> {
    if (!ID_RE.test(id)) return null;
    const doc = await getOrNull<AttemptDoc>(this.system, `payment:${id}`);
    if (!doc) return null;
    const { _id, _rev, ...attempt } = doc;
    void _id;
    void _rev;
    return attempt;
  }

  /**
   * Settle a pending attempt once: null when it was settled already (the caller
   * answers with its state), so a repeated or raced outcome changes nothing.
   */
  async settle(id: string, outcome: 'paid' | 'declined'): Promise<Attempt | null> {
    const doc = await getOrNull<AttemptDoc>(this.system, `payment:${id}`);
    if (!doc || doc.state !== 'pending') return null;
    const next: AttemptDoc = { ...doc, state: outcome, settledAt: new Date().toISOString() };
    try {
      await this.system.put(next);
    } catch {
      return null; // settled by a concurrent request
    }
    const { _id, _rev, ...attempt } = next;
    void _id;
    void _rev;
    return attempt;
  }
}
