import { ApiError, NetworkError } from '../api.ts';
import { authApi } from '../session/auth-api.ts';
import { altchaPayload, searchLimit, type AltchaChallenge } from './altcha.ts';
import type { PowReply } from './pow-worker.ts';

export type CaptchaStatus = 'idle' | 'working' | 'done' | 'error';

/** Why a search ended early: the check was taken off the screen. */
const STOPPED = new Error('stopped');

/** The server's answers that mean "the captcha was missing, wrong or stale". */
export const isCaptchaRefusal = (err: unknown): err is ApiError =>
  err instanceof ApiError && (err.code === 'captcha_required' || err.code === 'captcha_invalid');

/**
 * The "I'm not a robot" check: a challenge from our own server, solved by a proof of
 * work in a Web Worker (ALTCHA v1). Nothing is loaded from anywhere else.
 */
export class Captcha {
  status = $state<CaptchaStatus>('idle');
  /** the share of the server's search range tried so far, 0…1 */
  progress = $state(0);
  error = $state<string | null>(null);
  #payload: string | null = null;
  #run: Promise<string | null> | null = null;
  #worker: Worker | null = null;
  /** ends the search under way (its promise rejects with STOPPED) */
  #stop: (() => void) | null = null;

  /** Solve a challenge unless one is solved or under way; the payload, or null on failure. */
  start(): Promise<string | null> {
    if (this.#payload) return Promise.resolve(this.#payload);
    this.#run ??= this.#solve().finally(() => (this.#run = null));
    return this.#run;
  }

  /**
   * Send `attempt` with a solved payload. A payload works once, so a refused attempt
   * starts on the next one; a payload the server calls stale is replaced and sent again once.
   */
  async send<T>(attempt: (altcha: string) => Promise<T>): Promise<T> {
    for (let tries = 0; ; tries++) {
      const payload = await this.start();
      if (!payload) throw new ApiError(400, 'captcha_unsolved', this.error ?? 'The check failed.');
      this.#payload = null;
      try {
        return await attempt(payload);
      } catch (err) {
        void this.start();
        if (tries === 0 && isCaptchaRefusal(err)) continue;
        throw err;
      }
    }
  }

  /** Stop any work (the check left the screen); it starts afresh if it comes back. */
  destroy(): void {
    this.#stop?.();
  }

  async #solve(): Promise<string | null> {
    this.status = 'working';
    this.progress = 0;
    this.error = null;
    try {
      const challenge = await authApi.challenge();
      const { number, tookMs } = await this.#work(challenge);
      this.#payload = altchaPayload(challenge, number, tookMs);
      this.status = 'done';
      return this.#payload;
    } catch (err) {
      if (err === STOPPED) {
        this.status = 'idle';
        return null;
      }
      this.status = 'error';
      this.error =
        err instanceof NetworkError
          ? 'Cannot reach the server, so the check cannot run. Connect and try again.'
          : 'The check did not finish. Try again.';
      return null;
    }
  }

  #work(challenge: AltchaChallenge): Promise<{ number: number; tookMs: number }> {
    return new Promise((resolve, reject) => {
      this.#stop?.();
      // The worker is a file of our own origin (the CSP allows workers from 'self' only).
      // Vite finds and bundles the worker by this exact `new Worker(new URL(…))` shape.
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- not state, a module's address
      const worker = new Worker(new URL('./pow-worker.ts', import.meta.url), { type: 'module' });
      this.#worker = worker;
      const limit = searchLimit(challenge);
      const finish = () => {
        worker.terminate();
        if (this.#worker === worker) {
          this.#worker = null;
          this.#stop = null;
        }
      };
      this.#stop = () => {
        finish();
        reject(STOPPED);
      };
      worker.onmessage = (e: MessageEvent<PowReply>) => {
        const reply = e.data;
        if (reply.type === 'progress') {
          this.progress = Math.min(reply.tried / limit, 1);
          return;
        }
        finish();
        if (reply.type === 'solved') resolve(reply);
        else reject(new Error(reply.reason));
      };
      worker.onerror = (e) => {
        finish();
        reject(new Error(e.message));
      };
      worker.postMessage(challenge);
    });
  }
}

/**
 * Whether a form carries a captcha: when the server's options say so, or from the moment
 * the server asked for one (a login after repeated failures).
 */
export class CaptchaSlot {
  captcha = $state<Captcha | null>(null);
  #ready: Promise<void>;

  /** `fromOptions`: this form needs the captcha whenever the server has it on. */
  constructor(fromOptions: boolean) {
    this.#ready = fromOptions
      ? authApi.options().then(
          (o) => {
            if (o.captcha) this.captcha ??= new Captcha();
          },
          () => undefined, // offline: the request will say so
        )
      : Promise.resolve();
  }

  /** Send with a payload when one is needed; a refusal shows the check and says what to do. */
  async send<T>(attempt: (altcha?: string) => Promise<T>, askedAgain: string): Promise<T> {
    await this.#ready;
    try {
      return this.captcha ? await this.captcha.send(attempt) : await attempt(undefined);
    } catch (err) {
      if (!isCaptchaRefusal(err) || this.captcha) throw err;
      this.captcha = new Captcha();
      void this.captcha.start();
      throw new ApiError(400, err.code, askedAgain);
    }
  }

  destroy(): void {
    this.captcha?.destroy();
  }
}
