import type {
  PublicCheckoutInput,
  CheckoutResult,
  MyOrders,
  PaymentAttempt,
  PublicProduct,
  PublicShop,
  TrackedOrder,
} from '@stallkeeper/shared/rest';
import type { AltchaChallenge } from '../lib/captcha/altcha.ts';

/**
 * The public shop API (`/api/public/…`), with plain fetch: the shop page carries no
 * schema library, so answers are trusted as the server's documented shapes
 * (shared/src/rest/storefront.ts) and only their types are imported.
 */

/** The server said no: its `{error, reason}` and anything else it answered. */
export class ShopApiError extends Error {
  override name = 'ShopApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    reason: string,
    readonly body: Record<string, unknown>,
  ) {
    super(reason);
  }
}

/** The server could not be reached (offline, server down). */
export class OfflineError extends Error {
  override name = 'OfflineError';
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  let res: Response;
  try {
    // a GET goes out bare, so it matches the page's preload of it (static.ts on the server)
    res = await fetch(path, {
      ...init,
      credentials: 'same-origin',
      headers: init.body ? { 'content-type': 'application/json', ...init.headers } : init.headers,
    });
  } catch {
    throw new OfflineError('Cannot reach the shop.');
  }
  let body: unknown = null;
  try {
    body = res.status === 204 ? null : await res.json();
  } catch {
    // a proxy's error page, not our JSON
  }
  if (res.ok) return body as T;
  const b = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  if (res.status >= 500 && typeof b.reason !== 'string') {
    throw new OfflineError('The shop is not answering just now.');
  }
  throw new ShopApiError(
    res.status,
    typeof b.error === 'string' ? b.error : 'error',
    typeof b.reason === 'string' ? b.reason : res.statusText,
    b,
  );
}

const post = <T>(path: string, body: unknown, headers: Record<string, string> = {}) =>
  call<T>(path, { method: 'POST', body: JSON.stringify(body), headers });

const s = (slug: string) => `/api/public/shops/${encodeURIComponent(slug)}`;
const o = (token: string) => `/api/public/orders/${encodeURIComponent(token)}`;

let options: Promise<{ captcha: boolean; mail: boolean }> | null = null;

export const shopApi = {
  shop: (slug: string) => call<PublicShop>(s(slug)),
  products: async (slug: string) =>
    (await call<{ items: PublicProduct[] }>(`${s(slug)}/products`)).items,
  /** Whether forms must carry a captcha; asked once a page. */
  options() {
    options ??= call<{ captcha: boolean; mail: boolean }>('/api/auth/options').catch(
      (err: unknown) => {
        options = null;
        throw err;
      },
    );
    return options;
  },
  challenge: () => call<AltchaChallenge>('/api/captcha'),
  checkout: (slug: string, input: PublicCheckoutInput, idempotencyKey: string) =>
    post<CheckoutResult>(`${s(slug)}/orders`, input, { 'Idempotency-Key': idempotencyKey }),
  order: (token: string) => call<TrackedOrder>(o(token)),
  cancel: (token: string, reason: string) =>
    post<TrackedOrder>(`${o(token)}/cancel`, reason ? { reason } : {}),
  ask: (token: string, request: 'cancel' | 'return', reason: string) =>
    post<TrackedOrder>(`${o(token)}/requests`, { request, reason }),
  payAgain: (token: string) => post<{ paymentUrl: string }>(`${o(token)}/pay`, {}),
  emailMyOrders: (slug: string, email: string, altcha?: string) =>
    post<unknown>(`${s(slug)}/my-orders`, altcha ? { email, altcha } : { email }),
  myOrders: (token: string) => call<MyOrders>(`/api/public/my-orders/${encodeURIComponent(token)}`),
  payment: (id: string) => call<PaymentAttempt>(`/api/public/payments/${encodeURIComponent(id)}`),
  settle: (id: string, outcome: 'paid' | 'declined') =>
    post<PaymentAttempt>(`/api/public/payments/${encodeURIComponent(id)}`, { outcome }),
};

/** A failure in the customer's words. */
export function problem(err: unknown): string {
  if (err instanceof OfflineError) return `${err.message} Check your connection and try again.`;
  if (err instanceof ShopApiError && err.status === 429) {
    return 'Too many tries in a short time. Wait a minute and try again.';
  }
  if (err instanceof ShopApiError && err.message) return err.message;
  return 'Something went wrong. Try again.';
}
