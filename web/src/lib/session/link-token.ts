import { replaceState } from '$app/navigation';

/**
 * The token an emailed link carries after `#` (`/reset#<token>`): the fragment never
 * reaches a server or a referrer. Once read it is taken out of the address bar and this
 * history entry, so it is not left behind on a shared phone.
 */
export function takeLinkToken(): string | null {
  const token = decodeURIComponent(location.hash.replace(/^#/, '')).trim();
  // eslint-disable-next-line svelte/no-navigation-without-resolve -- the page's own path, as it is
  if (location.hash) replaceState(location.pathname + location.search, {});
  return token || null;
}
