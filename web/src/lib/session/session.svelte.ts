import {
  isoNow,
  SESSION_REVOKED,
  type LoginInput,
  type RegisterInput,
  type SessionResponse,
} from '@stallkeeper/shared';
import { api, ApiError, NetworkError, onSessionRevoked } from '../api.ts';
import { afterFirstScreen } from '../first-screen.ts';
import { copyQuick, deviceValue, quickValue, setQuickValue } from './device.ts';

type Status = 'loading' | 'anonymous' | 'ready';

/** The cached session's key (also read by app.html's first script). */
export const CACHE_KEY = 'session';
/** Kept across restarts: this device was signed out from elsewhere (see `signedOut`). */
const SIGNED_OUT_KEY = 'signed-out';

/** The session as last known, kept on the device to unlock it offline. */
type Cached = SessionResponse & { activeShopId?: string };

/** This device's session was ended from another device (or by the shop's owner). */
export interface SignedOut {
  /** the shop whose unsynced work stays on this device, to export or sync after signing in */
  shopId: string | null;
  at: string;
}

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
  /**
   * Someone signed this device out (a lost phone): unlike an expiry, the app goes to
   * the login screen. The shop's local data stays, unsynced work included; the login
   * screen offers to export it.
   */
  signedOut = $state<SignedOut | null>(null);

  /** whether the cached session was read from localStorage as the app started */
  #restored = false;

  constructor() {
    onSessionRevoked(() => void this.#revoked());
    // Unlock before the first screen renders: it need not wait for IndexedDB.
    const signedOut = quickValue<SignedOut>(SIGNED_OUT_KEY);
    const cached = quickValue<Cached>(CACHE_KEY);
    if (signedOut && cached) {
      this.#restored = true;
      this.signedOut = signedOut.value;
      if (cached.value) this.#apply(cached.value, cached.value.activeShopId);
    }
  }

  readonly activeShop = $derived(this.shops.find((s) => s.id === this.activeShopId) ?? null);

  async init(): Promise<void> {
    let cached = this.#restored && this.user !== null;
    if (!this.#restored) {
      const [signedOut, stored] = await Promise.all([
        deviceValue<SignedOut>(SIGNED_OUT_KEY),
        deviceValue<Cached>(CACHE_KEY),
      ]);
      // kept in localStorage too from now on (written by an older version, or not yet)
      copyQuick(SIGNED_OUT_KEY, signedOut ?? null);
      copyQuick(CACHE_KEY, stored ?? null);
      this.signedOut = signedOut ?? null;
      if (stored) this.#apply(stored, stored.activeShopId);
      cached = Boolean(stored);
    }
    if (cached) {
      // The device unlocks from its cache; asking the server can wait for the first screen.
      await afterFirstScreen();
    }
    try {
      this.#apply(await api.session(), this.activeShopId ?? undefined);
      this.expired = false;
      await this.#save();
    } catch (err) {
      if (err instanceof ApiError && err.code === SESSION_REVOKED) {
        return; // #revoked has signed this device out
      } else if (err instanceof ApiError && err.status === 401) {
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
    const s = await api.login(input);
    // After a sign-out from elsewhere, back into the shop whose unsynced work waits here.
    this.#apply(s, this.activeShopId ?? this.signedOut?.shopId ?? undefined);
    this.expired = false;
    await this.#save();
    await this.#clearSignedOut();
  }

  async register(input: RegisterInput): Promise<void> {
    this.#apply(await api.register(input));
    this.expired = false;
    await this.#save();
    await this.#clearSignedOut();
  }

  async logout(): Promise<void> {
    try {
      await api.logout();
    } catch {
      // offline: the cookie expires on its own; the local unlock is what we drop
    }
    await setQuickValue(CACHE_KEY, null);
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

  /**
   * Called when sync is refused with 401. Asking the server once tells an expiry
   * (keep working, sign in again to sync) from a sign-out from elsewhere (#revoked).
   */
  markExpired(): void {
    this.expired = true;
    void api.session().catch(() => undefined);
  }

  /** The server says someone signed this device out: to the login screen, data kept. */
  async #revoked(): Promise<void> {
    if (this.status !== 'ready' && this.status !== 'loading') return;
    // (told again after a restart, the shop is known only from the first telling)
    const shopId = this.activeShopId ?? this.signedOut?.shopId ?? null;
    const note: SignedOut = { shopId, at: isoNow() };
    this.signedOut = note;
    // The note first: a restart between the two still unlocks from the cache, and the
    // server (which keeps saying so) tells this again, with the shop known.
    await setQuickValue(SIGNED_OUT_KEY, note);
    await setQuickValue(CACHE_KEY, null);
    this.user = null;
    this.shops = [];
    this.expired = false;
    this.status = 'anonymous';
  }

  async #clearSignedOut(): Promise<void> {
    if (!this.signedOut) return;
    this.signedOut = null;
    await setQuickValue(SIGNED_OUT_KEY, null);
  }

  #apply(s: SessionResponse, preferShop?: string): void {
    this.user = s.user;
    this.shops = s.shops;
    this.activeShopId = s.shops.find((x) => x.id === preferShop)?.id ?? s.shops[0]?.id ?? null;
    this.status = 'ready';
  }

  async #save(): Promise<void> {
    await setQuickValue(CACHE_KEY, {
      user: $state.snapshot(this.user),
      shops: $state.snapshot(this.shops),
      activeShopId: this.activeShopId,
    });
  }
}

export const session = new SessionState();
