import { createHash } from 'node:crypto';

/**
 * The Content-Security-Policy. Scripts run only from our origin, plus the inline
 * scripts whose hashes are given (SvelteKit's bootstrap in a page we serve); never
 * any other inline script or `eval`.
 */
export function contentSecurityPolicy(scriptHashes: readonly string[] = []): string {
  return [
    "default-src 'self'",
    ['script-src', "'self'", ...scriptHashes].join(' '),
    // Inline styles stay allowed: the shell's `<div style="display: contents">` (SvelteKit's
    // app.html) and Svelte's style attributes need them, and a style cannot run script.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
}

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const HAS_SRC = /(?:^|\s)src\s*=/i;

/**
 * CSP source expressions (`'sha256-…'`) for every inline `<script>` in an HTML page,
 * in order, without repeats. The browser hashes the script's text as it parsed it,
 * and HTML parsing turns CR LF and lone CR into LF first, so the same is done here.
 */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const [, attrs = '', body = ''] of html.matchAll(SCRIPT)) {
    if (HAS_SRC.test(attrs)) continue;
    const text = body.replace(/\r\n?/g, '\n');
    hashes.add(`'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`);
  }
  return [...hashes];
}
