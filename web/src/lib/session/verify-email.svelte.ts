import { ApiError, NetworkError } from '../api.ts';
import { authApi } from './auth-api.ts';
import { session } from './session.svelte.ts';

export type VerifyStep = 'working' | 'done' | 'invalid' | 'offline' | 'failed';

/** The email's verification link: confirm the address it was sent to. */
export class VerifyEmail {
  step = $state<VerifyStep>('working');
  #token: string | null;

  constructor(token: string | null) {
    this.#token = token;
  }

  async run(): Promise<void> {
    if (!this.#token || this.#token.length < 10) {
      this.step = 'invalid';
      return;
    }
    this.step = 'working';
    try {
      await authApi.verify(this.#token);
      this.step = 'done';
      // A signed-in device learns it at once (the notice in Settings goes away).
      if (session.status === 'ready') void session.init().catch(() => undefined);
    } catch (err) {
      if (err instanceof ApiError && (err.code === 'invalid_token' || err.status === 400)) {
        this.step = 'invalid';
      } else {
        this.step = err instanceof NetworkError ? 'offline' : 'failed';
      }
    }
  }
}
