/** Debian's Chromium (Playwright cannot download browsers on these machines). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Launch flags for headless Chromium here: without the networking ones it floods
 * the closed network with refused connections (STACK.md).
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** How the e2e specs and the benchmarks launch it. */
export const CHROMIUM = { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS };
