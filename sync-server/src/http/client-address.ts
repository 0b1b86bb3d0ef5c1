import { isIPv4, isIPv6 } from 'node:net';

/**
 * The client as our own proxies saw it. Each proxy appends the address it received the
 * request from, so with `hops` trusted proxies the client is the hops-th entry from the
 * right; anything further left was written by the client and proves nothing. With fewer
 * entries than hops, the left-most is the best there is. null without a usable header.
 */
export function forwardedClient(header: string | undefined, hops: number): string | null {
  const entries = (header ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  return entries[Math.max(0, entries.length - hops)] ?? null;
}

/**
 * One throttling key per client: an IPv4-mapped IPv6 address is its IPv4 address, and
 * an IPv6 client is its /64 (one household or phone holds a whole /64 and could hop
 * through it). Anything else is kept as it is, cut to a bounded length.
 */
export function addressKey(address: string): string {
  let a = address.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed?.[1]) a = bracketed[1];
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(':'));
  a = a.replace(/%.*$/, ''); // an IPv6 zone id
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(a);
  if (mapped?.[1]) a = mapped[1];
  if (isIPv4(a)) return a;
  if (isIPv6(a)) return `${ipv6Groups(a).slice(0, 4).join(':')}::/64`;
  return a.slice(0, 100);
}

/** The eight groups of a valid IPv6 address, without leading zeros. */
function ipv6Groups(a: string): string[] {
  const [head = '', tail] = a.split('::');
  const groupsOf = (part: string) =>
    part
      .split(':')
      .filter((g) => g !== '')
      // an embedded IPv4 tail (64:ff9b::1.2.3.4) fills two groups
      .flatMap((g) => (g.includes('.') ? ['0', '0'] : [g]));
  const left = groupsOf(head);
  const right = tail === undefined ? [] : groupsOf(tail);
  const zeros = Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0');
  return [...left, ...zeros, ...right].map((g) => parseInt(g, 16).toString(16));
}
