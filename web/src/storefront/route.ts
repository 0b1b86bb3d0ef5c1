/**
 * The shop page's addresses. Tokens travel in the hash (`#…`), which browsers never
 * send, so they stay out of server and proxy logs.
 *
 *   /s/<slug>                the shop and its cart
 *   /s/<slug>/checkout       name, time, payment
 *   /s/<slug>/track#<token>  one order
 *   /s/<slug>/orders[#<t>]   this device's orders, or an emailed list
 *   /s/pay/<id>              the test payment page
 */
export type Route =
  | { page: 'shop'; slug: string }
  | { page: 'checkout'; slug: string }
  | { page: 'track'; slug: string; token: string }
  | { page: 'orders'; slug: string; token: string }
  | { page: 'pay'; id: string }
  | { page: 'missing' };

const SUBPAGES = new Set(['checkout', 'track', 'orders']);

function decoded(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

export function parseRoute(pathname: string, hash: string): Route {
  const parts = pathname.split('/').filter(Boolean);
  if (parts[0] !== 's') return { page: 'missing' };
  const [, first, second, ...rest] = parts.map(decoded);
  if (!first || rest.length || parts.some((p) => decoded(p) === null)) return { page: 'missing' };
  const token = hash.replace(/^#/, '');
  if (first === 'pay' && second && !SUBPAGES.has(second)) return { page: 'pay', id: second };
  const slug = first.toLowerCase();
  if (second === undefined) return { page: 'shop', slug };
  if (second === 'checkout') return { page: 'checkout', slug };
  if (second === 'track' && token) return { page: 'track', slug, token };
  if (second === 'orders') return { page: 'orders', slug, token };
  return { page: 'missing' };
}

export const shopPath = (slug: string) => `/s/${encodeURIComponent(slug)}`;
export const checkoutPath = (slug: string) => `${shopPath(slug)}/checkout`;
export const trackPath = (slug: string, token: string) => `${shopPath(slug)}/track#${token}`;
export const ordersPath = (slug: string) => `${shopPath(slug)}/orders`;
