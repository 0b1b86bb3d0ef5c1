import { describe, expect, it } from 'vitest';
import { browserName, deviceKind } from './browser-name.ts';

// Real User-Agent strings (as the browsers send them, reduced where Chrome reduces them).
const UA = {
  chromeAndroid:
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  samsung:
    'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36',
  firefoxAndroid: 'Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0',
  safariIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  homeScreenIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  chromeIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1',
  safariIpad:
    'Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1',
  firefoxWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
  edgeWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  operaWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 OPR/115.0.0.0',
  safariMac:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  chromeMac:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  chromeLinux:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  headless:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
  chromebook:
    'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
} as const;

describe('browserName', () => {
  it.each([
    [UA.chromeAndroid, 'Chrome on Android'],
    [UA.samsung, 'Samsung Internet on Android'],
    [UA.firefoxAndroid, 'Firefox on Android'],
    [UA.safariIphone, 'Safari on iPhone'],
    [UA.homeScreenIphone, 'Safari on iPhone'],
    [UA.chromeIphone, 'Chrome on iPhone'],
    [UA.safariIpad, 'Safari on iPad'],
    [UA.firefoxWindows, 'Firefox on Windows'],
    [UA.edgeWindows, 'Edge on Windows'],
    [UA.operaWindows, 'Opera on Windows'],
    [UA.safariMac, 'Safari on Mac'],
    [UA.chromeMac, 'Chrome on Mac'],
    [UA.chromeLinux, 'Chrome on Linux'],
    [UA.headless, 'Chrome on Linux'],
    [UA.chromebook, 'Chrome on ChromeOS'],
  ])('%s → %s', (ua, name) => {
    expect(browserName(ua)).toBe(name);
  });

  it('says what it knows, and no more, of a program or nothing at all', () => {
    expect(browserName('curl/8.5.0')).toBe('Unknown browser');
    expect(browserName('')).toBe('Unknown browser');
    expect(browserName(undefined)).toBe('Unknown browser');
    expect(browserName('SomeApp/1.0 (Windows NT 10.0)')).toBe('A browser on Windows');
    expect(browserName('Mozilla/5.0 Firefox/133.0')).toBe('Firefox');
  });

  it('reads a bounded part of a hostile User-Agent', () => {
    expect(browserName(`${'('.repeat(100_000)}Firefox/1`)).toBe('Unknown browser');
  });
});

describe('deviceKind', () => {
  it('names the kind of device, or nothing', () => {
    expect(deviceKind(UA.chromeAndroid)).toBe('Android device');
    expect(deviceKind(UA.safariIphone)).toBe('iPhone');
    expect(deviceKind(UA.firefoxWindows)).toBe('Windows computer');
    expect(deviceKind(UA.chromebook)).toBe('Chromebook');
    expect(deviceKind('curl/8.5.0')).toBeNull();
  });
});
