import type { OwnDeviceSession } from '@stallkeeper/shared';
import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from '../api.ts';
import { seenLine } from './device-words.ts';
import { DevicesState, label } from './devices.svelte.ts';
import { PasswordForm } from './password-form.svelte.ts';

const row = (id: string, over: Partial<OwnDeviceSession> = {}): OwnDeviceSession => ({
  id,
  deviceName: 'Android device',
  browser: 'Chrome on Android',
  createdAt: '2026-12-01T09:00:00.000Z',
  lastSeenAt: '2026-12-04T09:55:00.000Z',
  place: null,
  current: false,
  ...over,
});

/** The account routes' contract, in memory. */
function fakeApi() {
  let rows = [
    row('laptop', { deviceName: 'Mac', browser: 'Safari on Mac', current: true }),
    row('phone'),
  ];
  let down = false;
  return {
    setDown: (v: boolean) => (down = v),
    api: {
      sessions: () =>
        down ? Promise.reject(new NetworkError('offline')) : Promise.resolve([...rows]),
      signOut(id: string) {
        if (!rows.some((r) => r.id === id)) {
          return Promise.reject(new ApiError(404, 'not_found', 'No such session.'));
        }
        rows = rows.filter((r) => r.id !== id);
        return Promise.resolve();
      },
      signOutEverywhere() {
        rows = [];
        return Promise.resolve();
      },
    },
  };
}

describe('the account’s devices', () => {
  it('lists them, signs out another one, and says so', async () => {
    const fake = fakeApi();
    const state = new DevicesState(fake.api);
    await state.load();
    expect(state.items?.map((s) => s.id)).toEqual(['laptop', 'phone']);
    expect(state.others.map((s) => s.id)).toEqual(['phone']);
    const phone = state.others[0];
    if (!phone) throw new Error('no phone');
    expect(await state.signOut(phone)).toBe(true);
    expect(state.done).toBe('Android device (Chrome on Android) is signed out.');
    expect(state.others).toEqual([]);
    // a second time: the server's reason, not a crash
    expect(await state.signOut(phone)).toBe(false);
    expect(state.error).toBe('No such session.');
  });

  it('says it is offline instead of failing, and recovers', async () => {
    const fake = fakeApi();
    const state = new DevicesState(fake.api);
    fake.setDown(true);
    await state.load();
    expect(state.offline).toBe(true);
    expect(state.error).toBeNull();
    fake.setDown(false);
    await state.load();
    expect(state.offline).toBe(false);
    expect(await state.signOutEverywhere()).toBe(true);
  });

  it('names a device and when it was seen, without ids', () => {
    expect(label(row('x'))).toBe('Android device (Chrome on Android)');
    expect(label(row('x', { browser: null }))).toBe('Android device');
    const now = Date.parse('2026-12-04T10:00:00.000Z');
    expect(seenLine(row('x'), now, 'en-GB')).toMatch(
      /^Signed in 1 Dec 2026, \d\d:00 · last seen 5 minutes ago$/,
    );
    expect(seenLine(row('x', { current: true }), now, 'en-GB')).toMatch(/· active now$/);
  });
});

describe('changing the password', () => {
  it('checks the form with the server’s schema, in words, before sending', async () => {
    const sent: unknown[] = [];
    const form = new PasswordForm((input) => {
      sent.push(input);
      return Promise.resolve();
    });
    form.current = 'old-password-1';
    form.next = 'a new password here';
    form.confirm = 'a new password there';
    expect(await form.submit()).toBe(false);
    expect(form.error).toBe('The two passwords do not match.');
    expect(sent).toEqual([]);
    form.confirm = form.next;
    expect(await form.submit()).toBe(true);
    expect(form.saved).toBe(true);
    expect(sent).toEqual([
      {
        currentPassword: 'old-password-1',
        newPassword: 'a new password here',
        newPasswordConfirm: 'a new password here',
      },
    ]);
    expect([form.current, form.next, form.confirm]).toEqual(['', '', '']);
  });

  it('shows the server’s refusal, and asks for a connection when offline', async () => {
    let fail: Error = new ApiError(400, 'bad_request', 'Your current password is not correct.');
    const form = new PasswordForm(() => Promise.reject(fail));
    form.current = 'wrong';
    form.next = form.confirm = 'a new password here';
    expect(await form.submit()).toBe(false);
    expect(form.error).toBe('Your current password is not correct.');
    fail = new NetworkError('offline');
    expect(await form.submit()).toBe(false);
    expect(form.error).toMatch(/needs a connection/);
  });
});
