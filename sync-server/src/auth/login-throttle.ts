import { Backoff } from './rate-limit.ts';

export interface LoginAttempt {
  /** the email as given (already normalised), whether or not an account has it */
  account: string;
  /** the client's throttling key (http/client-address.ts) */
  address: string;
  /** the known device this request proved for the account, or null */
  device: string | null;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * Login throttling that slows guessing without handing anyone a lockout button
 * (OWASP's scheme). Every wait is exponential from the last failure, never a fixed lock.
 *
 * - A known device (it has logged in to this account before) is judged only by its own
 *   counter: an attacker elsewhere cannot slow its user down.
 * - Any other request is judged by its account+address pair (a brute force from one
 *   place), by the account across distinct addresses (a distributed one), and by the
 *   address across distinct accounts (credential stuffing). Counting distinct members
 *   means fifty guesses on one account do not slow that account's owner elsewhere, and a
 *   market's shared Wi-Fi is slowed only after failures on many accounts, briefly.
 */
export class LoginThrottle {
  readonly #byDevice: Backoff;
  readonly #byAccountAddress: Backoff;
  readonly #byAccount: Backoff;
  readonly #byAddress: Backoff;

  constructor(now: () => number = Date.now) {
    const exponential = { firstDelayMs: SECOND, forgetMs: HOUR, maxKeys: 50_000 };
    this.#byDevice = new Backoff({ ...exponential, free: 3, maxDelayMs: 5 * MINUTE }, now);
    this.#byAccountAddress = new Backoff({ ...exponential, free: 3, maxDelayMs: 5 * MINUTE }, now);
    const distinct = { ...exponential, maxKeys: 20_000 };
    this.#byAccount = new Backoff({ ...distinct, free: 10, maxDelayMs: 5 * MINUTE }, now);
    this.#byAddress = new Backoff({ ...distinct, free: 30, maxDelayMs: MINUTE }, now);
  }

  /**
   * 0 when the attempt may go ahead (it is then counted as failed until `succeeded`),
   * else the seconds to wait.
   */
  charge(a: LoginAttempt): number {
    if (a.device !== null) return this.#byDevice.charge(a.device);
    const pair = pairKey(a);
    const wait = Math.max(
      this.#byAccountAddress.retryAfter(pair),
      this.#byAccount.retryAfter(a.account),
      this.#byAddress.retryAfter(a.address),
    );
    if (wait > 0) return wait;
    this.#byAccountAddress.fail(pair);
    this.#byAccount.fail(a.account, a.address);
    this.#byAddress.fail(a.address, a.account);
    return 0;
  }

  /** The password was right: take the attempt back. */
  succeeded(a: LoginAttempt): void {
    if (a.device !== null) {
      this.#byDevice.reset(a.device);
      return;
    }
    this.#byAccountAddress.reset(pairKey(a));
    this.#byAccount.reset(a.account);
    // Only this account's share: others' failures from the address still count.
    this.#byAddress.forgive(a.address, a.account);
  }
}

const pairKey = (a: LoginAttempt) => `${a.account}\n${a.address}`;
