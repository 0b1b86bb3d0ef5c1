// A single-page app rendered from the local replica; each route is prerendered
// as an empty shell so the service worker can precache it.
export const ssr = false;
export const prerender = true;
export const trailingSlash = 'never';
