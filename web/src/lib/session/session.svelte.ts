import type { LoginInput, RegisterInput, SessionResponse } from '@stallkeeper/shared';
import { api, ApiError, NetworkError } from '../api.ts';
import { afterFirstScreen } from '../first-screen.ts';
import { deviceValue, setDeviceValue } from './device.ts';

type Status = 'loading' | 'anonymous' | 'ready';

const CACHE_KEY = 'session';

/**
 * Who is using the app. After one online login the session is cached on the
 * device, so a phone that restarts at the market unlocks without a network.
 */
export class SessionState {
  status = $state<Status>('loading');
  user = $state<SessionResponse['user'] | null>(null);
  shops = $state<SessionResponse['shops']>([]);
  activeShopId = $state<string | null>(null);
  /** the server said our session ended: keep working locally, ask to sign in again */
  expired = $state(false);

  readonly activeShop = $derived(this.shops.find((s) => s.id === this.activeShopId) ?? null);

  async init(): Promise<void> {
    const cached = await deviceValue<SessionResponse & { activeShopId?: string }>(CACHE_KEY);
    if (cached) {
      this.#apply(cached, cached.activeShopId);
      // The device unlocks from its cache; asking the server can wait for the first screen.
      await afterFirstScreen();
    }
    try {
      this.#apply(await api.session(), this.activeShopId ?? undefined);
      this.expired = false;
      await this.#save();
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        if (cached) this.expired = true;
        else this.status = 'anonymous';
      } else if (!(err instanceof NetworkError)) {
        throw err;
      } else if (!cached) {
        this.status = 'anonymous';
      }
    }
  }

  async login(input: LoginInput): Promise<void> {
    this.#apply(await api.login(input), this.activeShopId ?? undefined);
    this.expired = false;
    await this.#save();
  }

  async register(input: RegisterInput): Promise<void> {
    this.#apply(await api.register(input));
    this.expired = false;
    await this.#save();
  }

  async logout(): Promise<void> {
    try {
      await api.logout();
    } catch {
      // offline: the cookie expires on its own; the local unlock is what we drop
    }
    await setDeviceValue(CACHE_KEY, null);
    this.user = null;
    this.shops = [];
    this.activeShopId = null;
    this.status = 'anonymous';
  }

  /** Switch to one of the user's shops and remember it across restarts. */
  async selectShop(shopId: string): Promise<void> {
    if (!this.shops.some((s) => s.id === shopId)) return;
    this.activeShopId = shopId;
    await this.#save();
  }

  /** Called when sync is refused with 401. */
  markExpired(): void {
    this.expired = true;
  }

  #apply(s: SessionResponse, preferShop?: string): void {
    this.user = s.user;
    this.shops = s.shops;
    this.activeShopId = s.shops.find((x) => x.id === preferShop)?.id ?? s.shops[0]?.id ?? null;
    this.status = 'ready';
  }

  async #save(): Promise<void> {
    await setDeviceValue(CACHE_KEY, {
      user: $state.snapshot(this.user),
      shops: $state.snapshot(this.shops),
      activeShopId: this.activeShopId,
    });
  }
}

export const session = new SessionState();
