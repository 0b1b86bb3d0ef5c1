import type { NotificationPrefs } from '@stallkeeper/shared';
import { ApiError, NetworkError } from '../api.ts';
import { notificationsApi } from './notifications-api.ts';

type Api = typeof notificationsApi;
export type NotificationKey = keyof NotificationPrefs;

/**
 * The owner's notification switches. They live on the server only (the server sends
 * the emails), so nothing is kept on the device: offline, the section says so and
 * the switches wait. Each change is saved at once; a refused save puts the switch back.
 */
export class NotificationsState {
  prefs = $state.raw<NotificationPrefs | null>(null);
  offline = $state(false);
  error = $state<string | null>(null);
  /** the switch being saved (for the status line) */
  saving = $state<NotificationKey | null>(null);
  saved = $state(false);

  constructor(
    private readonly shopId: () => string | null,
    private readonly api: Api = notificationsApi,
  ) {}

  async load(): Promise<void> {
    const shopId = this.shopId();
    if (!shopId) return;
    try {
      this.prefs = await this.api.get(shopId);
      this.offline = false;
      this.error = null;
    } catch (err) {
      this.#failed(err);
    }
  }

  /** Saves one after another, so a quick second tap is not lost or raced. */
  #queue: Promise<unknown> = Promise.resolve();

  set(key: NotificationKey, on: boolean): Promise<boolean> {
    const next = this.#queue.then(() => this.#save(key, on));
    this.#queue = next;
    return next;
  }

  async #save(key: NotificationKey, on: boolean): Promise<boolean> {
    const shopId = this.shopId();
    const before = this.prefs;
    if (!shopId || !before) return false;
    this.prefs = { ...before, [key]: on };
    this.saving = key;
    this.saved = false;
    this.error = null;
    try {
      this.prefs = await this.api.put(shopId, this.prefs);
      this.offline = false;
      this.saved = true;
      return true;
    } catch (err) {
      this.prefs = before;
      this.#failed(err);
      return false;
    } finally {
      this.saving = null;
    }
  }

  #failed(err: unknown): void {
    if (err instanceof NetworkError) {
      this.offline = true;
      return;
    }
    this.error = err instanceof ApiError ? err.message : 'Something went wrong. Please try again.';
  }
}
