import { copyQuick } from './session/device.ts';

/**
 * A copy of the sell screen as it was last seen, which app.html draws before the
 * app's code has run (about 60 ms into an offline cold start, against 180–220 ms
 * for the app to mount and read its first tiles on a fast phone, far more on a
 * slow one). It is inert: a tile tapped on it is remembered, and the sell screen
 * adds that product once it is up (`takeSnapshot`). app.html reads the same key
 * and fields; keep them in step (app-html.test.ts runs its script).
 */
export const SNAPSHOT_KEY = 'sell-snapshot';
export const SNAPSHOT_ID = 'sk-snapshot';
/** A screen larger than this (a catalogue of long names) is not worth a copy. */
const MAX_HTML = 200_000;

export type SellSnapshot = {
  /** SvelteKit's per-build global: the copy's class names match this build's styles. */
  build: string;
  user: string;
  shop: string;
  /** The sell screen is this user's home screen: the copy is drawn at `/` too. */
  home: boolean;
  html: string;
};

/** The name of SvelteKit's per-build global on this page, or '' outside a built page. */
function buildId(): string {
  return Object.keys(globalThis).find((k) => k.startsWith('__sveltekit_')) ?? '';
}

/**
 * Keep a copy of `frame` (the app's frame around the sell screen). What cannot be
 * shown before the app runs is left out: dialogs, photos (their object URLs die
 * with the page), ids and test ids other than the tiles' (the app's own elements
 * carry them), and what is true only of that moment is blank (`data-snapshot-blank`).
 */
export function saveSnapshot(frame: Element, who: Omit<SellSnapshot, 'build' | 'html'>): void {
  // (the dev server's pages carry no styles until its scripts run: a copy would flash bare)
  if (import.meta.env.DEV) return;
  const copy = frame.cloneNode(true);
  if (!(copy instanceof Element)) return;
  for (const el of copy.querySelectorAll('dialog, [role="dialog"]')) el.remove();
  for (const img of copy.querySelectorAll('img')) img.removeAttribute('src');
  // what is true only of that moment (the sync status) keeps its room, blank
  for (const el of copy.querySelectorAll('[data-snapshot-blank]')) {
    el.setAttribute('style', 'visibility: hidden');
  }
  for (const el of copy.querySelectorAll('[id], [for]')) {
    el.removeAttribute('id');
    el.removeAttribute('for');
  }
  for (const el of copy.querySelectorAll('[data-testid]')) {
    if (el.getAttribute('data-testid') !== 'sell-tile') el.removeAttribute('data-testid');
  }
  const html = copy.outerHTML;
  if (html.length > MAX_HTML) return clearSnapshot();
  copyQuick(SNAPSHOT_KEY, { build: buildId(), html, ...who } satisfies SellSnapshot);
}

/** Call `keep` whenever the page is hidden or left (a phone may end it unseen then). */
export function onLeave(keep: () => void): () => void {
  const hidden = () => {
    if (document.visibilityState === 'hidden') keep();
  };
  document.addEventListener('visibilitychange', hidden);
  addEventListener('pagehide', keep);
  return () => {
    document.removeEventListener('visibilitychange', hidden);
    removeEventListener('pagehide', keep);
  };
}

/** Signed out: the next person on this device sees nothing of this shop. */
export function clearSnapshot(): void {
  copyQuick(SNAPSHOT_KEY, null);
}

/**
 * Take the drawn copy off the screen, if there is one, and return the products
 * tapped on it, in order (ids, as the tiles carry them in `data-product`).
 */
export function takeSnapshot(): string[] {
  const shown = globalThis.document?.getElementById(SNAPSHOT_ID);
  if (!shown) return [];
  shown.remove();
  try {
    const taps: unknown = JSON.parse(shown.dataset['taps'] ?? '[]');
    return Array.isArray(taps) ? taps.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}
