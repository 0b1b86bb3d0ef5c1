import { devicePrefix, ulid } from '@stallkeeper/shared';
import { DeviceDb } from '../db/local.ts';

let db: DeviceDb | null = null;
export function deviceDb(): DeviceDb {
  db ??= new DeviceDb();
  return db;
}

export async function deviceValue<T>(key: string): Promise<T | undefined> {
  return (await deviceDb().device.get(key))?.value as T | undefined;
}

export async function setDeviceValue(key: string, value: unknown): Promise<void> {
  await deviceDb().device.put({ key, value });
}

const QUICK = 'stallkeeper:';

/**
 * A device value kept in localStorage as well, which reads without waiting: the cached
 * session unlocks the first screen before IndexedDB has answered. `undefined` when
 * this copy does not have it (then IndexedDB may: an older version wrote only there).
 */
export function quickValue<T>(key: string): { value: T | null } | undefined {
  try {
    const raw = globalThis.localStorage?.getItem(QUICK + key);
    return typeof raw === 'string' ? { value: JSON.parse(raw) as T | null } : undefined;
  } catch {
    return undefined;
  }
}

/** Write both copies, localStorage first: it is never older than IndexedDB's. */
export async function setQuickValue(key: string, value: unknown): Promise<void> {
  copyQuick(key, value);
  await setDeviceValue(key, value);
}

/** The localStorage copy alone, of a value IndexedDB already holds. */
export function copyQuick(key: string, value: unknown): void {
  try {
    globalThis.localStorage?.setItem(QUICK + key, JSON.stringify(value ?? null));
  } catch {
    // full or unavailable: drop the stale copy, IndexedDB's is read instead
    try {
      globalThis.localStorage?.removeItem(QUICK + key);
    } catch {
      // no localStorage at all
    }
  }
}

/**
 * This device's id and human-number prefix, made once and kept. Read from the
 * localStorage copy when there is one: opening a shop then waits for one database, not two.
 */
export async function deviceIdentity(): Promise<{ deviceId: string; prefix: string }> {
  let deviceId = quickValue<string>(DEVICE_ID_KEY)?.value ?? undefined;
  if (!deviceId) {
    deviceId = await deviceValue<string>(DEVICE_ID_KEY);
    if (deviceId) copyQuick(DEVICE_ID_KEY, deviceId);
  }
  if (!deviceId) {
    deviceId = `dev-${ulid().toLowerCase()}`;
    await setQuickValue(DEVICE_ID_KEY, deviceId);
  }
  return { deviceId, prefix: devicePrefix(deviceId) };
}

const DEVICE_ID_KEY = 'deviceId';
