import type { TrackedOrder } from '@stallkeeper/shared/rest';
import { problem, shopApi, ShopApiError } from './api.ts';
import { rememberOrder } from './recent-orders.ts';

/** How often an open tracking page asks again while it is on screen. */
export const REFRESH_MS = 30_000;

/** One order's tracking page: its state, kept fresh while visible, and what the customer may do. */
export class Tracking {
  order = $state<TrackedOrder | null>(null);
  status = $state<'loading' | 'ready' | 'missing' | 'error'>('loading');
  /** a failed refresh or action, in words */
  error = $state('');
  busy = $state(false);

  constructor(readonly token: string) {}

  async load(): Promise<void> {
    try {
      const order = await shopApi.order(this.token);
      this.#show(order);
    } catch (err) {
      if (err instanceof ShopApiError && err.status === 404) this.status = 'missing';
      else if (!this.order) this.status = 'error';
      this.error = problem(err);
    }
  }

  /** Asks again every 30 s while the page is visible, and at once when it comes back. */
  watch(): () => void {
    void this.load();
    let timer: ReturnType<typeof setInterval> | null = null;
    const tick = () => {
      if (timer) clearInterval(timer);
      timer = null;
      if (document.visibilityState !== 'visible') return;
      timer = setInterval(() => void this.load(), REFRESH_MS);
    };
    const onVisible = () => {
      if (document.visibilityState === 'visible') void this.load();
      tick();
    };
    tick();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      if (timer) clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }

  cancel(reason: string): Promise<boolean> {
    return this.#act(() => shopApi.cancel(this.token, reason));
  }

  ask(request: 'cancel' | 'return', reason: string): Promise<boolean> {
    return this.#act(() => shopApi.ask(this.token, request, reason));
  }

  /** A new test-card attempt after a decline: where to pay, or null with the reason shown. */
  async payAgain(): Promise<string | null> {
    this.busy = true;
    this.error = '';
    try {
      return (await shopApi.payAgain(this.token)).paymentUrl;
    } catch (err) {
      this.error = problem(err);
      return null;
    } finally {
      this.busy = false;
    }
  }

  async #act(action: () => Promise<TrackedOrder>): Promise<boolean> {
    this.busy = true;
    this.error = '';
    try {
      this.#show(await action());
      return true;
    } catch (err) {
      const message = problem(err);
      // "too late" and the like: the order moved on meanwhile, so show where it is now
      if (err instanceof ShopApiError && err.status === 409) await this.load();
      this.error = message;
      return false;
    } finally {
      this.busy = false;
    }
  }

  #show(order: TrackedOrder): void {
    this.order = order;
    this.status = 'ready';
    this.error = '';
    document.title = `${order.number} · ${order.shop.name}`;
    rememberOrder(order.shop.slug, {
      token: this.token,
      number: order.number,
      createdAt: order.createdAt,
      total: order.total,
    });
  }
}
