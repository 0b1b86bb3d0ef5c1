import { sameSecret } from '../auth/same-secret.ts';

/**
 * Checkouts between server replicas (COUCHDB_URL with several replicas). A checkout
 * is taken in the shop's turn by the replica that runs its resolver (the one holding
 * the shop's lease), which counts online stock. Another replica that receives one
 * passes it on to that holder at the address it wrote into its lease (REPLICA_URL),
 * after its own rate limit and captcha; the holder knows the request by the shared
 * REPLICA_SECRET and does not limit or challenge it a second time.
 */
export const REPLICA_HEADER = 'x-stallkeeper-replica';
/** A holder that does not answer by then is treated as unavailable. */
const FORWARD_TIMEOUT_MS = 15_000;

export class ReplicaLink {
  readonly #secret: string | null;

  constructor(secret: string | undefined) {
    this.#secret = secret || null;
  }

  /** Whether a request carries this deployment's secret (compared in constant time). */
  trusted(header: string | undefined): boolean {
    if (this.#secret === null || header === undefined) return false;
    return sameSecret(header, this.#secret);
  }

  /** Whether this replica may pass checkouts on at all. */
  get enabled(): boolean {
    return this.#secret !== null;
  }

  /**
   * Send a checkout on to the replica at `target`; its answer is the customer's. Null
   * when that replica cannot be reached (the customer is asked to try again).
   */
  async forwardCheckout(
    target: string,
    slug: string,
    input: unknown,
    idempotencyKey: string | null,
  ): Promise<Response | null> {
    try {
      const res = await fetch(
        `${target.replace(/\/+$/, '')}/api/public/shops/${encodeURIComponent(slug)}/orders`,
        {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            [REPLICA_HEADER]: this.#secret ?? '',
            ...(idempotencyKey !== null ? { 'Idempotency-Key': idempotencyKey } : {}),
          },
          body: JSON.stringify(input),
          signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS),
          redirect: 'error',
        },
      );
      const body = await res.text();
      return new Response(body, {
        status: res.status,
        headers: { 'Content-Type': res.headers.get('content-type') ?? 'application/json' },
      });
    } catch {
      return null;
    }
  }
}
