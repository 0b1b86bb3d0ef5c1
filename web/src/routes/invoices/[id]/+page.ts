// Rendered on the device from its replica; the service worker serves the shell.
export const prerender = false;
