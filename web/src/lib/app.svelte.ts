import { LAST_SYNC_KEY } from './db/local.ts';
import { ShopContext } from './db/shop.ts';
import { deviceIdentity } from './session/device.ts';
import { session } from './session/session.svelte.ts';
import { SyncEngine } from './sync/sync.svelte.ts';

/**
 * The open shop on this device and its sync engine. Pages get data through
 * `app.ctx` and the lib/db modules; they never touch PouchDB themselves.
 */
class AppState {
  ctx = $state.raw<ShopContext | null>(null);
  error = $state<string | null>(null);
  readonly sync = new SyncEngine();
  #opening: string | null = null;

  /** Signing in: the sync that follows loads its code while the shop opens. */
  prepareSync(): void {
    ShopContext.prepareSync();
  }

  async openActiveShop(): Promise<void> {
    const shopId = session.activeShopId;
    const user = session.user;
    if (!shopId || !user || this.ctx?.shopId === shopId || this.#opening === shopId) return;
    this.#opening = shopId;
    try {
      await this.close();
      const ctx = await ShopContext.open(
        shopId,
        deviceIdentity().then(({ deviceId }) => ({
          userId: user.id,
          userName: user.name,
          deviceId,
        })),
      );
      this.ctx = ctx;
      if ('storage' in navigator && navigator.storage.persist) {
        // Ask the browser not to evict unsynced sales.
        void navigator.storage.persist().catch(() => false);
      }
      if (!session.expired) {
        // A device that has synced before shows its data first and connects just
        // after; a new device syncs at once (it has nothing to show yet).
        const synced = await ctx.local.meta.get(LAST_SYNC_KEY);
        const go = () => {
          if (this.ctx === ctx) void this.sync.start(ctx, () => session.markExpired());
        };
        this.sync.phase = 'connecting';
        if (synced) {
          afterFirstScreen(go);
        } else {
          ctx.follow();
          go();
        }
      }
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
    } finally {
      this.#opening = null;
    }
  }

  /** After signing in again, resume syncing what was kept locally. */
  async resumeSync(): Promise<void> {
    if (this.ctx) await this.sync.start(this.ctx, () => session.markExpired());
  }

  async close(): Promise<void> {
    this.sync.stop();
    const ctx = this.ctx;
    this.ctx = null;
    await ctx?.close();
  }
}

export const app = new AppState();

// A device with a cached session starts opening its shop as this code loads: the
// databases open while the first screen renders (the layout asks again, at no cost).
if (typeof window !== 'undefined' && session.status === 'ready') void app.openActiveShop();

/**
 * Run once the first screen is up: a little later, at an idle moment, so a
 * device that already has its data draws it before loading and starting sync.
 */
function afterFirstScreen(run: () => void): void {
  setTimeout(() => {
    if ('requestIdleCallback' in window) requestIdleCallback(run, { timeout: 2000 });
    else run();
  }, 800);
}
