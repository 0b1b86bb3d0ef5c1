import { parseRoute, type Route } from './route.ts';

/**
 * Where the page is, as state: moving between the shop, checkout and tracking swaps
 * the view without a new page load (the cart and the shop's list stay in memory), and
 * the browser's back button works as people expect.
 */
class Nav {
  route = $state<Route>(parseRoute(location.pathname, location.hash));

  constructor() {
    const sync = () => (this.route = parseRoute(location.pathname, location.hash));
    addEventListener('popstate', sync);
    addEventListener('hashchange', sync);
  }

  /** Go to one of the page's own addresses (an absolute one of this origin works too). */
  go(href: string, { replace = false } = {}): void {
    const url = new URL(href, location.href);
    if (url.origin !== location.origin || !url.pathname.startsWith('/s/')) {
      location.assign(url.href);
      return;
    }
    const path = url.pathname + url.search + url.hash;
    if (replace) history.replaceState(null, '', path);
    else history.pushState(null, '', path);
    this.route = parseRoute(url.pathname, url.hash);
    scrollTo(0, 0);
  }

  /** A link's click: moved within the page unless the person asked for a new tab. */
  follow = (e: MouseEvent): void => {
    const a = e.currentTarget;
    if (!(a instanceof HTMLAnchorElement)) return;
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    this.go(a.href);
  };
}

export const nav = new Nav();
