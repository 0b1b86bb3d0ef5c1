/**
 * A short human name for the browser a session signed in from ("Chrome on Android"),
 * read from its User-Agent, for the account screen's list of devices. A tiny parser
 * on purpose: only the names a person would recognise, and "a browser" for the rest;
 * a wrong guess costs a label, never access.
 */

/** Browsers, most specific first: Edge, Opera and Samsung's say "Chrome" too, Chrome says "Safari". */
const BROWSERS: readonly (readonly [RegExp, string])[] = [
  [/\bEdg(?:e|A|iOS)?\//, 'Edge'],
  [/\b(?:OPR|Opera|OPiOS)\//, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\b(?:Firefox|FxiOS)\//, 'Firefox'],
  [/(?:\b|Headless)(?:Chrome|CriOS|Chromium)\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
  [/\bAppleWebKit\/.*\bMobile\//, 'Safari'], // an installed iOS app has no "Safari/"
];

/** Systems, most specific first: Android says "Linux", iPadOS may say "Macintosh". */
const SYSTEMS: readonly (readonly [RegExp, string])[] = [
  [/\bAndroid\b/, 'Android'],
  [/\biPhone\b/, 'iPhone'],
  [/\biPad\b/, 'iPad'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'Mac'],
  [/\bLinux\b/, 'Linux'],
];

/** The device a session is on, when the app gave it no name of its own. */
const DEVICES: Readonly<Record<string, string>> = {
  Android: 'Android device',
  iPhone: 'iPhone',
  iPad: 'iPad',
  ChromeOS: 'Chromebook',
  Windows: 'Windows computer',
  Mac: 'Mac',
  Linux: 'Linux computer',
};

function first(table: readonly (readonly [RegExp, string])[], ua: string): string | null {
  return table.find(([re]) => re.test(ua))?.[1] ?? null;
}

/** "Chrome on Android", "Safari on iPhone", "Firefox on Windows"; "Unknown browser" when nothing fits. */
export function browserName(userAgent: string | undefined | null): string {
  const ua = (userAgent ?? '').slice(0, 512);
  const browser = first(BROWSERS, ua);
  const system = first(SYSTEMS, ua);
  if (browser && system) return `${browser} on ${system}`;
  if (browser) return browser;
  if (system) return `A browser on ${system}`;
  return 'Unknown browser';
}

/** "iPhone", "Android device", "Windows computer"…; null when the User-Agent names no system. */
export function deviceKind(userAgent: string | undefined | null): string | null {
  const system = first(SYSTEMS, (userAgent ?? '').slice(0, 512));
  return system ? (DEVICES[system] ?? null) : null;
}
