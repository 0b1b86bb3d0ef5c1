import { KnownDevices } from './known-device.ts';
import { LoginProof } from './login-proof.ts';
import { LoginThrottle } from './login-throttle.ts';
import { Backoff } from './rate-limit.ts';

/** Every throttle on a password check or an account creation, and the known-device proof. */
export interface Throttles {
  login: LoginThrottle;
  devices: KnownDevices;
  /** registrations per client address: 10 free, then 1 min, 2 min … up to an hour apart */
  registration: Backoff;
  /** current-password checks (password change, email change, deletion) per user */
  passwordCheck: Backoff;
  /** accounts whose logins must carry a solved captcha (after repeated failures) */
  loginProof: LoginProof;
  /** password reset and verification emails per client address and per account */
  mailRequests: Backoff;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** `now` is injectable so tests move time instead of sleeping. */
export function createThrottles(now: () => number = Date.now): Throttles {
  return {
    login: new LoginThrottle(now),
    devices: new KnownDevices(undefined, now),
    registration: new Backoff(
      { free: 10, firstDelayMs: MINUTE, maxDelayMs: HOUR, forgetMs: HOUR, maxKeys: 20_000 },
      now,
    ),
    passwordCheck: new Backoff(
      { free: 3, firstDelayMs: 1000, maxDelayMs: 5 * MINUTE, forgetMs: HOUR, maxKeys: 50_000 },
      now,
    ),
    loginProof: new LoginProof(now),
    // a few links an hour is plenty for a person; more is someone filling an inbox
    mailRequests: new Backoff(
      { free: 5, firstDelayMs: MINUTE, maxDelayMs: HOUR, forgetMs: HOUR, maxKeys: 50_000 },
      now,
    ),
  };
}
