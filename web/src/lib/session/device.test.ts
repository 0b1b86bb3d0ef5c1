import { afterEach, expect, it, vi } from 'vitest';
import { deviceDb, deviceIdentity, deviceValue } from './device.ts';
import { memoryStorage } from './testing.ts';

afterEach(() => vi.unstubAllGlobals());

it("a device's id is made once and kept in both copies; either copy alone gives it back", async () => {
  vi.stubGlobal('localStorage', memoryStorage());
  await deviceDb().device.delete('deviceId');

  const made = await deviceIdentity();
  expect(made.deviceId).toMatch(/^dev-[0-9a-z]{26}$/);
  expect(localStorage.getItem('stallkeeper:deviceId')).toBe(JSON.stringify(made.deviceId));
  expect(await deviceValue('deviceId')).toBe(made.deviceId);
  expect(await deviceIdentity()).toEqual(made);

  // localStorage emptied (site data cleared in part): IndexedDB's copy, copied back
  vi.stubGlobal('localStorage', memoryStorage());
  expect(await deviceIdentity()).toEqual(made);
  expect(localStorage.getItem('stallkeeper:deviceId')).toBe(JSON.stringify(made.deviceId));

  // the quick copy answers without IndexedDB (opening a shop then waits for one database)
  await deviceDb().device.delete('deviceId');
  expect(await deviceIdentity()).toEqual(made);
});
