/**
 * localStorage that never throws: a private window, a full disk or a blocked store only
 * means nothing is remembered on this device.
 */
export function readJson(key: string): unknown {
  try {
    const text = localStorage.getItem(key);
    return text === null ? null : (JSON.parse(text) as unknown);
  } catch {
    return null;
  }
}

export function writeJson(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // nothing to do: the page works without remembering
  }
}

export function remove(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // as above
  }
}

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
