import { createHmac, randomBytes } from 'node:crypto';
import { sameSecret } from './same-secret.ts';

export const KNOWN_DEVICE_COOKIE = 'sk_known';
export const KNOWN_DEVICE_DAYS = 180;
/** accounts remembered per browser (a stall's shared till); the most recent first */
const MAX_ACCOUNTS = 4;
const MAX_COOKIE_LENGTH = 2048;
const ID = /^[0-9A-Za-z_-]{1,64}$/;

/**
 * The proof that a browser has logged in to an account before: signed tokens
 * `userId.deviceId.expiresSeconds.mac`, several joined by `~`. Such a request is judged
 * only by its own device's counter, so an attacker elsewhere cannot slow it down.
 *
 * The key is random per process by default: after a restart (or on another replica) the
 * cookie is simply not recognised and the request is judged like any other.
 */
export class KnownDevices {
  readonly #key: string;

  constructor(
    key: string = randomBytes(32).toString('base64url'),
    private readonly now: () => number = Date.now,
  ) {
    this.#key = key;
  }

  /** The device id the cookie proves for `userId`, or null. */
  deviceOf(cookie: string | undefined, userId: string): string | null {
    for (const token of tokensIn(cookie)) {
      const read = this.#read(token);
      if (read?.userId === userId) return read.deviceId;
    }
    return null;
  }

  /** The cookie after a login as `userId`: a fresh token first, then other accounts' valid ones. */
  remember(cookie: string | undefined, userId: string): string {
    const expires = Math.floor(this.now() / 1000) + KNOWN_DEVICE_DAYS * 86_400;
    const body = `${userId}.${randomBytes(16).toString('base64url')}.${expires}`;
    const others = tokensIn(cookie).filter((t) => {
      const read = this.#read(t);
      return read !== null && read.userId !== userId;
    });
    return [`${body}.${this.#mac(body)}`, ...others].slice(0, MAX_ACCOUNTS).join('~');
  }

  #mac(body: string): string {
    return createHmac('sha256', this.#key).update(body).digest('base64url');
  }

  #read(token: string): { userId: string; deviceId: string } | null {
    const [userId, deviceId, expires, mac, ...rest] = token.split('.');
    if (!userId || !deviceId || !expires || !mac || rest.length) return null;
    if (!ID.test(userId) || !ID.test(deviceId) || !/^\d{1,12}$/.test(expires)) return null;
    if (!sameSecret(mac, this.#mac(`${userId}.${deviceId}.${expires}`))) return null;
    if (Number(expires) * 1000 <= this.now()) return null;
    return { userId, deviceId };
  }
}

function tokensIn(cookie: string | undefined): string[] {
  if (!cookie || cookie.length > MAX_COOKIE_LENGTH) return [];
  return cookie.split('~').slice(0, MAX_ACCOUNTS);
}
