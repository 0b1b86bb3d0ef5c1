import { altchaPayload, searchLimit, type AltchaChallenge } from '../lib/captcha/altcha.ts';
import type { PowReply } from '../lib/captcha/pow-worker.ts';
import { shopApi } from './api.ts';

/**
 * The "I'm not a robot" check of the shop page. The proof of work and its worker are
 * the app's own (lib/captcha); this small state holder exists because the app's
 * `Captcha` class asks for challenges through its session API, which brings the
 * schema library the shop page leaves out.
 */
export class ShopCaptcha {
  status = $state<'idle' | 'working' | 'done' | 'error'>('idle');
  progress = $state(0);
  #payload: string | null = null;
  #run: Promise<string | null> | null = null;
  #worker: Worker | null = null;

  /** A solved payload (solving one first if needed), or null when the check failed. */
  start(): Promise<string | null> {
    if (this.#payload) return Promise.resolve(this.#payload);
    this.#run ??= this.#solve().finally(() => (this.#run = null));
    return this.#run;
  }

  /** A payload works once: hand it over and begin on the next. */
  async take(): Promise<string | null> {
    const payload = await this.start();
    this.#payload = null;
    if (payload) this.status = 'idle';
    return payload;
  }

  destroy(): void {
    this.#worker?.terminate();
    this.#worker = null;
  }

  async #solve(): Promise<string | null> {
    this.status = 'working';
    this.progress = 0;
    try {
      const challenge = await shopApi.challenge();
      const { number, tookMs } = await this.#work(challenge);
      this.#payload = altchaPayload(challenge, number, tookMs);
      this.status = 'done';
      return this.#payload;
    } catch {
      this.status = 'error';
      return null;
    }
  }

  #work(challenge: AltchaChallenge): Promise<{ number: number; tookMs: number }> {
    return new Promise((resolve, reject) => {
      this.destroy();
      // Our own origin's file (the CSP allows workers from 'self' only), bundled by Vite.
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- not state, a module's address
      const worker = new Worker(new URL('../lib/captcha/pow-worker.ts', import.meta.url), {
        type: 'module',
      });
      this.#worker = worker;
      const limit = searchLimit(challenge);
      worker.onmessage = (e: MessageEvent<PowReply>) => {
        const reply = e.data;
        if (reply.type === 'progress') {
          this.progress = Math.min(reply.tried / limit, 1);
          return;
        }
        this.destroy();
        if (reply.type === 'solved') resolve(reply);
        else reject(new Error(reply.reason));
      };
      worker.onerror = (e) => {
        this.destroy();
        reject(new Error(e.message));
      };
      worker.postMessage(challenge);
    });
  }
}
