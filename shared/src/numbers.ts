/**
 * Human order and invoice numbers carry a short device prefix (`K3-0042`) so two
 * offline devices can never issue the same number.
 */
export const DEVICE_PREFIX_RE = /^[A-Z][A-Z0-9]{1,3}$/;
export const HUMAN_NUMBER_RE = /^([A-Z][A-Z0-9]{1,3})-(\d{4,})$/;

const PREFIX_CHARS = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A 2-character prefix derived from a device id: stable for that device. */
export function devicePrefix(deviceId: string): string {
  let h = 2166136261;
  for (let i = 0; i < deviceId.length; i++) {
    h ^= deviceId.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  const letters = PREFIX_CHARS.slice(0, 23); // first char is a letter
  const first = letters[h % letters.length] ?? 'A';
  const second = PREFIX_CHARS[Math.floor(h / letters.length) % PREFIX_CHARS.length] ?? '2';
  return first + second;
}

export function formatHumanNumber(prefix: string, sequence: number): string {
  if (!DEVICE_PREFIX_RE.test(prefix)) throw new Error(`bad device prefix: ${prefix}`);
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new Error('sequence must be ≥ 1');
  return `${prefix}-${sequence.toString().padStart(4, '0')}`;
}

export function parseHumanNumber(value: string): { prefix: string; sequence: number } | null {
  const m = HUMAN_NUMBER_RE.exec(value);
  if (!m) return null;
  return { prefix: m[1] ?? '', sequence: Number(m[2]) };
}

/** The next sequence for a prefix given the numbers already issued (any prefix). */
export function nextSequence(prefix: string, issued: Iterable<string>): number {
  let max = 0;
  for (const n of issued) {
    const p = parseHumanNumber(n);
    if (p && p.prefix === prefix && p.sequence > max) max = p.sequence;
  }
  return max + 1;
}
