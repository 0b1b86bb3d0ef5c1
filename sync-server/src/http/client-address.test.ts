import { describe, expect, it } from 'vitest';
import { addressKey, forwardedClient } from './client-address.ts';

describe('forwardedClient', () => {
  it('takes the entry the trusted proxies wrote, not what the client wrote', () => {
    expect(forwardedClient('6.6.6.6, 203.0.113.5', 1)).toBe('203.0.113.5');
    expect(forwardedClient('6.6.6.6, 203.0.113.5, 10.0.0.2', 2)).toBe('203.0.113.5');
    expect(forwardedClient('203.0.113.5', 1)).toBe('203.0.113.5');
  });

  it('uses the left-most entry when there are fewer entries than hops', () => {
    expect(forwardedClient('203.0.113.5, 10.0.0.2', 3)).toBe('203.0.113.5');
    expect(forwardedClient('203.0.113.5', 2)).toBe('203.0.113.5');
  });

  it('trims, ignores empty entries, and has nothing without a header', () => {
    expect(forwardedClient('  6.6.6.6 ,, 203.0.113.5 , ', 1)).toBe('203.0.113.5');
    expect(forwardedClient(', ,', 1)).toBeNull();
    expect(forwardedClient('', 1)).toBeNull();
    expect(forwardedClient(undefined, 1)).toBeNull();
  });
});

describe('addressKey', () => {
  it('keeps IPv4 as it is and unwraps IPv4-mapped IPv6 and ports', () => {
    expect(addressKey('203.0.113.5')).toBe('203.0.113.5');
    expect(addressKey('::ffff:203.0.113.5')).toBe('203.0.113.5');
    expect(addressKey('203.0.113.5:51234')).toBe('203.0.113.5');
  });

  it('keys an IPv6 client by its /64, however it is written', () => {
    const key = '2001:db8:85a3:12::/64';
    expect(addressKey('2001:db8:85a3:12::1')).toBe(key);
    expect(addressKey('2001:0DB8:85A3:0012:ffff:ffff:ffff:ffff')).toBe(key);
    expect(addressKey('[2001:db8:85a3:12:a::b]:8443')).toBe(key);
    expect(addressKey('2001:db8:85a3:12::7%eth0')).toBe(key);
    expect(addressKey('2001:db8:85a3:13::1')).not.toBe(key);
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('2001:db8::')).toBe('2001:db8:0:0::/64');
    expect(addressKey('64:ff9b::198.51.100.1')).toBe('64:ff9b:0:0::/64');
  });

  it('keeps anything else, bounded', () => {
    expect(addressKey('local')).toBe('local');
    expect(addressKey('x'.repeat(500))).toHaveLength(100);
  });
});
