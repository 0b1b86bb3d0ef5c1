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

/** This device's id and human-number prefix, made once and kept. */
export async function deviceIdentity(): Promise<{ deviceId: string; prefix: string }> {
  let deviceId = await deviceValue<string>('deviceId');
  if (!deviceId) {
    deviceId = `dev-${ulid().toLowerCase()}`;
    await setDeviceValue('deviceId', deviceId);
  }
  return { deviceId, prefix: devicePrefix(deviceId) };
}
