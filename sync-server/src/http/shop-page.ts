import { gzipSync } from 'node:zlib';

/**
 * How the customers' shop page (web/src/storefront, built into `s/`) is served so that
 * its first view fits a slow phone network: every /s/ address is that one page, its
 * hashed files live under /s/_assets/ (no slug starts with "_"), they go out gzipped,
 * and the page's head already asks for the shop's data, so those requests travel
 * beside the script instead of after it.
 */
export const SHOP_PAGE = /^\/s(?:\/|$)/;
export const SHOP_ASSETS = '/s/_assets/';

/** The addresses whose first view needs the shop and its products: /s/<slug>[/checkout]. */
const NEEDS_SHOP = /^\/s\/([a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9]))(?:\/|\/checkout\/?)?$/;

/** The page with preloads of the shop's own answers (the requests its script makes). */
export function withShopPreloads(html: string, path: string): string {
  const slug = NEEDS_SHOP.exec(path.toLowerCase())?.[1];
  if (!slug) return html;
  const links = [`/api/public/shops/${slug}`, `/api/public/shops/${slug}/products`]
    .map((href) => `<link rel="preload" href="${href}" as="fetch" crossorigin>`)
    .join('');
  return html.replace('</head>', `${links}</head>`);
}

/** Smaller than this, gzip saves less than it costs. */
const MIN_GZIP = 1024;
/** Hashed files never change: each is compressed once (a rebuild renames them). */
const packed = new Map<string, Buffer>();
const MAX_PACKED = 200;

/** Whether the client takes gzip (`Accept-Encoding`), ignoring an explicit q=0. */
export function acceptsGzip(header: string | undefined): boolean {
  return (header ?? '').split(',').some((part) => {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    if (name !== 'gzip' && name !== '*') return false;
    return !params.some((p) => /^\s*q=0(?:\.0*)?\s*$/.test(p));
  });
}

/**
 * The bytes to send for a shop page file, gzipped when worth it; `immutable` files are
 * kept compressed in memory (the page itself changes per address and is small).
 */
export function shopPageBody(
  path: string,
  body: Buffer,
  immutable: boolean,
): { bytes: Buffer; gzip: boolean } {
  if (body.length < MIN_GZIP) return { bytes: body, gzip: false };
  if (!immutable) return { bytes: gzipSync(new Uint8Array(body)), gzip: true };
  let bytes = packed.get(path);
  if (!bytes) {
    bytes = gzipSync(new Uint8Array(body), { level: 9 });
    if (packed.size >= MAX_PACKED) packed.clear();
    packed.set(path, bytes);
  }
  return { bytes, gzip: true };
}
