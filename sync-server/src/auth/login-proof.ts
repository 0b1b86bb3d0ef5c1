/**
 * When a login must carry a solved captcha: after FREE failed logins on an account
 * within the last hour (from anywhere but a known device), until one succeeds. The
 * throttle slows guessing; this makes each further guess cost a proof of work.
 */
const FREE = 3;
const FORGET_MS = 60 * 60_000;
const MAX_ACCOUNTS = 50_000;

export class LoginProof {
  /** account → failures and the last one's time (insertion order: oldest first) */
  readonly #failures = new Map<string, { count: number; last: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  needed(account: string): boolean {
    const f = this.#failures.get(account);
    return f !== undefined && f.count >= FREE && this.now() - f.last < FORGET_MS;
  }

  failed(account: string): void {
    const f = this.#failures.get(account);
    const fresh = f && this.now() - f.last < FORGET_MS;
    this.#failures.delete(account);
    this.#failures.set(account, { count: fresh ? f.count + 1 : 1, last: this.now() });
    if (this.#failures.size > MAX_ACCOUNTS) {
      const oldest = this.#failures.keys().next().value;
      if (oldest !== undefined) this.#failures.delete(oldest);
    }
  }

  succeeded(account: string): void {
    this.#failures.delete(account);
  }
}
