import { randomBytes } from 'node:crypto';
import { createChallenge, extractParams, verifySolution } from 'altcha-lib/v1';
import type { Challenge } from 'altcha-lib/v1/types';
import { HttpError } from '../errors.ts';
import { getOrNull } from '../system-db.ts';

/**
 * The proof-of-work captcha (the ALTCHA protocol, v1: `altcha-lib/v1` makes and
 * checks the challenges; no third party, nothing from the internet). A challenge
 * is signed with a key kept in the system database (replicas share it), expires
 * after ten minutes, and a solution is accepted once.
 */

/** About a second on a cheap phone (the widget tries numbers up to this). */
export const MAX_NUMBER = 50_000;
const EXPIRES_MS = 10 * 60_000;
/** solutions remembered to refuse a second use (beyond this, the oldest expire first) */
const MAX_REMEMBERED = 100_000;

export const captchaRequired = () =>
  new HttpError(400, 'captcha_required', 'Please confirm you are a person (the check below).');
export const captchaInvalid = () =>
  new HttpError(400, 'captcha_invalid', 'The check did not pass or has expired. Please try again.');

export class Captcha {
  #key: Promise<string> | null = null;
  /** signature → when its challenge expires */
  readonly #used = new Map<string, number>();

  constructor(
    readonly enabled: boolean,
    private readonly system: PouchDB.Database,
    private readonly now: () => number = Date.now,
  ) {}

  #hmacKey(): Promise<string> {
    this.#key ??= (async () => {
      const id = 'server:captcha-key';
      const stored = await getOrNull<{ key: string }>(this.system, id);
      if (stored) return stored.key;
      await this.system
        .put({ _id: id, key: randomBytes(32).toString('hex') })
        .catch(() => undefined);
      const again = await getOrNull<{ key: string }>(this.system, id);
      if (!again) throw new Error('captcha key could not be stored');
      return again.key;
    })();
    return this.#key;
  }

  async challenge(): Promise<Challenge> {
    return createChallenge({
      hmacKey: await this.#hmacKey(),
      maxNumber: MAX_NUMBER,
      expires: new Date(this.now() + EXPIRES_MS),
    });
  }

  /** Throws captcha_required / captcha_invalid unless `payload` is a fresh solution (or the captcha is off). */
  async check(payload: string | undefined): Promise<void> {
    if (!this.enabled) return;
    if (!payload) throw captchaRequired();
    let signature: string;
    let expires: number;
    try {
      const decoded = JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as {
        signature?: unknown;
      };
      if (typeof decoded.signature !== 'string') throw captchaInvalid();
      signature = decoded.signature;
      expires = Number(extractParams(payload).expires ?? 0) * 1000;
    } catch {
      throw captchaInvalid();
    }
    const now = this.now();
    this.#forget(now);
    if (this.#used.has(signature) || !(expires > now)) throw captchaInvalid();
    const key = await this.#hmacKey();
    const ok = await verifySolution(payload, key, true).catch(() => false);
    if (!ok) throw captchaInvalid();
    this.#used.set(signature, expires);
  }

  #forget(now: number): void {
    for (const [sig, until] of this.#used) {
      if (until <= now || this.#used.size > MAX_REMEMBERED) this.#used.delete(sig);
      else break; // kept in insertion order, which is expiry order (same lifetime)
    }
  }
}
