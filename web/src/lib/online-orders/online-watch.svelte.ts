import {
  liveAttentionCount,
  liveNewOnlineOrders,
  type NewOnlineOrder,
} from '../db/online-orders.ts';
import type { ShopContext } from '../db/shop.ts';
import { money } from '../format.ts';
import { arrivals, arrivalText, shouldNotify, type NotifyPermission } from './arrivals.ts';

/**
 * This browser's wish for system notifications (a device preference, read at once
 * when the watcher loads; localStorage keeps the watcher's chunk off the device
 * database's, which the first screen loads).
 */
const OPT_IN_KEY = 'stallkeeper.notify.onlineOrders';

function storedOptIn(): boolean {
  try {
    return localStorage.getItem(OPT_IN_KEY) === 'true';
  } catch {
    return false;
  }
}

interface Subscription {
  unsubscribe(): void;
}

export function notifyPermission(): NotifyPermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/**
 * Orders from the shop page while the app is open: how many want an answer (the
 * Orders badge), an in-app notice for each new one, and — only when this device
 * asked for them and the browser already allows it — a silent system notification.
 */
export class OnlineWatch {
  /** new online orders and open customer requests */
  count = $state(0);
  /** the notices on screen, newest last */
  notices = $state<NewOnlineOrder[]>([]);
  /** this device wants system notifications of online orders */
  optedIn = $state(false);
  #seen: ReadonlySet<string> | null = null;
  #subs: Subscription[] = [];
  #shop: string | null = null;

  constructor() {
    this.optedIn = storedOptIn();
  }

  /** Follow a shop's orders (again only when the shop changed). */
  follow(ctx: ShopContext | null): void {
    if ((ctx?.shopId ?? null) === this.#shop) return;
    this.stop();
    if (!ctx) return;
    this.#shop = ctx.shopId;
    this.#subs = [
      liveAttentionCount(ctx).subscribe({ next: (n) => (this.count = n), error: () => undefined }),
      liveNewOnlineOrders(ctx).subscribe({
        next: (rows) => this.#read(rows),
        error: () => undefined,
      }),
    ];
  }

  stop(): void {
    for (const s of this.#subs) s.unsubscribe();
    this.#subs = [];
    this.#shop = null;
    this.#seen = null;
    this.count = 0;
    this.notices = [];
  }

  dismiss(id: string): void {
    this.notices = this.notices.filter((n) => n.id !== id);
  }

  /** The person is looking at the orders (the list, or one of them): its notice has done its job. */
  seen(path: string): void {
    if (!this.notices.length) return;
    if (path === '/orders') this.notices = [];
    else this.notices = this.notices.filter((n) => path !== `/orders/${n.id}`);
  }

  #read(rows: NewOnlineOrder[]): void {
    const { announce, seen } = arrivals({ seen: this.#seen }, rows, Date.now());
    this.#seen = seen;
    // an order accepted (here or elsewhere) needs no notice any more
    const open = this.notices.filter((n) => seen.has(n.id));
    this.notices = [...open, ...announce];
    for (const o of announce) this.#notify(o);
  }

  #notify(o: NewOnlineOrder): void {
    const hidden = typeof document !== 'undefined' && document.visibilityState === 'hidden';
    if (!shouldNotify(this.optedIn, notifyPermission(), hidden)) return;
    try {
      new Notification('Stallkeeper', { body: arrivalText(o, money), silent: true, tag: o.id });
    } catch {
      // some browsers allow notifications only from a service worker: the notice is enough
    }
  }

  /**
   * The "Notify me of online orders" switch: turning it on asks the browser's
   * permission (on this tap, never on its own); a refusal leaves it off.
   */
  async setOptIn(on: boolean): Promise<NotifyPermission> {
    let permission = notifyPermission();
    if (on && permission === 'default') permission = await Notification.requestPermission();
    this.optedIn = on && permission === 'granted';
    try {
      localStorage.setItem(OPT_IN_KEY, String(this.optedIn));
    } catch {
      // storage refused (private mode): the switch holds for this visit
    }
    return permission;
  }
}

export const onlineWatch = new OnlineWatch();
