import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { MiddlewareHandler } from 'hono';
import { contentSecurityPolicy, inlineScriptHashes } from './csp.ts';
import {
  acceptsGzip,
  SHOP_ASSETS,
  SHOP_PAGE,
  shopPageBody,
  withShopPreloads,
} from './shop-page.ts';
import type { AppEnv } from './types.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** The SPA's fallback page: adapter-static writes it as 200.html (not index.html). */
const FALLBACK = '200.html';

async function fileAt(root: string, urlPath: string): Promise<string | null> {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const full = normalize(join(root, rel));
  if (full !== root && !full.startsWith(root + sep)) return null;
  try {
    const s = await stat(full);
    if (s.isFile()) return full;
    if (s.isDirectory()) {
      const index = join(full, 'index.html');
      if ((await stat(index).catch(() => null))?.isFile()) return index;
    }
  } catch {
    return null;
  }
  return null;
}

/**
 * Serves the built PWA; unknown paths get the app shell so client routing works, and
 * every /s/ path gets the shop page.
 */
export function serveWeb(root: string): MiddlewareHandler<AppEnv> {
  const base = normalize(root);
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const path = c.req.path;
    if (path.startsWith('/api/') || path.startsWith('/db/') || path === '/db') return next();
    const isAsset = extname(path) !== '';
    let file: string | null;
    // The customers' shop page (/s/<slug>, /s/pay/<id>) is a small page of its own
    // (web/src/storefront), never the seller app's shell.
    const shopPage = SHOP_PAGE.test(path) && (!isAsset || path.startsWith(SHOP_ASSETS));
    let shopFile = false;
    if (shopPage) {
      file = isAsset ? await fileAt(base, path) : await fileAt(base, '/s/index.html');
      shopFile = file !== null;
      // without the shop page's build, its paths get what any other path gets
      if (!file && !isAsset) file = await fileAt(base, `/${FALLBACK}`);
    } else {
      file = await fileAt(base, path);
      if (!file && !isAsset) file = await fileAt(base, `${path.replace(/\/+$/, '')}.html`);
      if (!file && !isAsset) file = await fileAt(base, `/${FALLBACK}`);
    }
    if (!file) return next();
    let body = await readFile(file);
    if (shopFile && !isAsset) body = Buffer.from(withShopPreloads(body.toString('utf8'), path));
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    // Hashed build output never changes; everything else must revalidate so
    // a new service worker and shell are picked up.
    const immutable = path.startsWith('/_app/immutable/') || path.startsWith(SHOP_ASSETS);
    const cache = immutable ? 'public, max-age=31536000, immutable' : 'no-cache';
    const headers: Record<string, string> = { 'Content-Type': type, 'Cache-Control': cache };
    // A page may run exactly its own inline scripts (SvelteKit's bootstrap). Hashed from
    // the bytes being sent, the policy always matches the build on disk, and a cached
    // copy of the page (the service worker's) keeps the policy that fits it.
    if (type.startsWith('text/html')) {
      headers['Content-Security-Policy'] = contentSecurityPolicy(
        inlineScriptHashes(body.toString('utf8')),
      );
    }
    if (shopFile) {
      // a phone on a slow network pays for every byte of the first view
      headers.Vary = 'Accept-Encoding';
      if (acceptsGzip(c.req.header('accept-encoding'))) {
        const sent = shopPageBody(file, body, immutable);
        if (sent.gzip) headers['Content-Encoding'] = 'gzip';
        return c.body(new Uint8Array(sent.bytes), 200, headers);
      }
    }
    return c.body(new Uint8Array(body), 200, headers);
  };
}
