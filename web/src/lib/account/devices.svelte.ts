import type { OwnDeviceSession } from '@stallkeeper/shared';
import { ApiError, NetworkError } from '../api.ts';
import { accountApi } from './account-api.ts';

type Api = Pick<typeof accountApi, 'sessions' | 'signOut' | 'signOutEverywhere'>;

/**
 * The account screen's list of signed-in devices: this one first marked, signing out
 * one, or all. The list lives on the server only, so with no connection it says so
 * and waits (`offline`).
 */
export class DevicesState {
  items = $state.raw<OwnDeviceSession[] | null>(null);
  offline = $state(false);
  error = $state<string | null>(null);
  busy = $state(false);
  /** what was just done, for the screen reader and the eye */
  done = $state<string | null>(null);

  readonly others = $derived((this.items ?? []).filter((s) => !s.current));

  constructor(private readonly api: Api = accountApi) {}

  async load(): Promise<void> {
    try {
      this.items = await this.api.sessions();
      this.offline = false;
    } catch (err) {
      this.#failed(err);
    }
  }

  /** Sign out one other device; it is told at its next request to the server. */
  async signOut(session: OwnDeviceSession): Promise<boolean> {
    return this.#run(async () => {
      await this.api.signOut(session.id);
      this.done = `${label(session)} is signed out.`;
      await this.load();
    });
  }

  /** Every device, this one too: the caller goes to the login screen afterwards. */
  async signOutEverywhere(): Promise<boolean> {
    return this.#run(() => this.api.signOutEverywhere());
  }

  async #run(change: () => Promise<void>): Promise<boolean> {
    this.busy = true;
    this.error = null;
    this.done = null;
    try {
      await change();
      return true;
    } catch (err) {
      this.#failed(err);
      return false;
    } finally {
      this.busy = false;
    }
  }

  #failed(err: unknown): void {
    if (err instanceof NetworkError) {
      this.offline = true;
      this.error = null;
    } else {
      this.error = err instanceof ApiError ? err.message : 'That did not work. Try again.';
    }
  }
}

/** How a person recognises a device: its name, and the browser when it adds something. */
export function label(s: Pick<OwnDeviceSession, 'deviceName' | 'browser'>): string {
  if (!s.browser || s.browser === 'Unknown browser') return s.deviceName;
  return `${s.deviceName} (${s.browser})`;
}
