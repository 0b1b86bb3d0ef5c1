import type { MiddlewareHandler } from 'hono';
import { HttpError } from '../errors.ts';
import type { AppEnv } from './types.ts';

/** How many requests one caller makes per window (API_RATE_LIMIT per minute). */
export interface RatePolicy {
  limit: number;
  windowMs: number;
}

/**
 * Fixed-window request counts per caller, in memory and bounded (the quietest
 * callers are forgotten first). With several replicas each counts on its own.
 */
export class RateWindows {
  readonly #counts = new Map<string, { start: number; used: number }>();
  constructor(
    readonly policy: RatePolicy,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 10_000,
  ) {}

  /** Count one request: how many are left in the window and when it starts over. */
  take(key: string): { allowed: boolean; remaining: number; resetMs: number } {
    const now = this.now();
    let w = this.#counts.get(key);
    if (!w || now - w.start >= this.policy.windowMs) w = { start: now, used: 0 };
    this.#counts.delete(key); // most recently used last
    if (this.#counts.size >= this.maxKeys) {
      this.#counts.delete(this.#counts.keys().next().value ?? '');
    }
    this.#counts.set(key, w);
    const allowed = w.used < this.policy.limit;
    if (allowed) w.used++;
    return {
      allowed,
      remaining: this.policy.limit - w.used,
      resetMs: w.start + this.policy.windowMs - now,
    };
  }
}

/**
 * Per-token (else per-user) rate limit on the REST API, said in the `RateLimit-*`
 * headers of every answer (IETF draft: limit, remaining, seconds to reset).
 */
export function apiRateLimit(windows: RateWindows): MiddlewareHandler<AppEnv> {
  const { limit, windowMs } = windows.policy;
  return async (c, next) => {
    const token = c.get('token');
    const key = token ? `token:${token.id}` : `user:${c.get('userId')}`;
    const { allowed, remaining, resetMs } = windows.take(key);
    const reset = String(Math.max(1, Math.ceil(resetMs / 1000)));
    const headers = {
      'RateLimit-Limit': String(limit),
      'RateLimit-Remaining': String(Math.max(0, remaining)),
      'RateLimit-Reset': reset,
      'RateLimit-Policy': `${limit};w=${Math.round(windowMs / 1000)}`,
    };
    if (!allowed) {
      throw new HttpError(
        429,
        'too_many_requests',
        `Too many requests: at most ${limit} a minute. Try again in ${reset} s.`,
        { ...headers, 'Retry-After': reset },
      );
    }
    await next();
    for (const [k, v] of Object.entries(headers)) c.res.headers.set(k, v);
  };
}
