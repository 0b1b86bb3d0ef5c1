import type { NotificationPrefs } from '@stallkeeper/shared';
import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from '../api.ts';
import { NotificationsState } from './notifications.svelte.ts';

/** The notification routes' contract, in memory: what the state is tested against. */
function fakeApi() {
  let stored: NotificationPrefs = { digest: false, oversell: false };
  let down = false;
  let refuse = false;
  return {
    stored: () => stored,
    setDown: (v: boolean) => (down = v),
    setRefuse: (v: boolean) => (refuse = v),
    api: {
      get: () =>
        down ? Promise.reject(new NetworkError('offline')) : Promise.resolve({ ...stored }),
      put(_shopId: string, prefs: NotificationPrefs) {
        if (down) return Promise.reject(new NetworkError('offline'));
        if (refuse) return Promise.reject(new ApiError(403, 'forbidden', 'Only owners.'));
        stored = { ...prefs };
        return Promise.resolve({ ...stored });
      },
    },
  };
}

describe('the notifications section', () => {
  it('loads the switches and saves each change at once', async () => {
    const fake = fakeApi();
    const state = new NotificationsState(() => 'shop-a', fake.api);
    expect(state.prefs).toBeNull();
    await state.load();
    expect(state.prefs).toEqual({ digest: false, oversell: false });
    expect(await state.set('digest', true)).toBe(true);
    expect(state.saved).toBe(true);
    expect(fake.stored()).toEqual({ digest: true, oversell: false });
    expect(await state.set('oversell', true)).toBe(true);
    expect(fake.stored()).toEqual({ digest: true, oversell: true });
    expect(state.saving).toBeNull();
  });

  it('says it is offline and puts a switch back when the save does not reach the server', async () => {
    const fake = fakeApi();
    const state = new NotificationsState(() => 'shop-a', fake.api);
    await state.load();
    fake.setDown(true);
    expect(await state.set('digest', true)).toBe(false);
    expect(state.prefs).toEqual({ digest: false, oversell: false });
    expect(state.offline).toBe(true);
    expect(state.saved).toBe(false);
    fake.setDown(false);
    await state.load();
    expect(state.offline).toBe(false);
  });

  it('shows a refusal and keeps the stored value', async () => {
    const fake = fakeApi();
    const state = new NotificationsState(() => 'shop-a', fake.api);
    await state.load();
    fake.setRefuse(true);
    expect(await state.set('oversell', true)).toBe(false);
    expect(state.error).toBe('Only owners.');
    expect(state.prefs?.oversell).toBe(false);
  });

  it('saves two quick changes one after the other, both kept', async () => {
    const fake = fakeApi();
    const state = new NotificationsState(() => 'shop-a', fake.api);
    await state.load();
    const both = await Promise.all([state.set('digest', true), state.set('oversell', true)]);
    expect(both).toEqual([true, true]);
    expect(fake.stored()).toEqual({ digest: true, oversell: true });
    expect(state.prefs).toEqual({ digest: true, oversell: true });
  });

  it('does nothing before the switches are loaded or without a shop', async () => {
    const fake = fakeApi();
    expect(await new NotificationsState(() => 'shop-a', fake.api).set('digest', true)).toBe(false);
    const none = new NotificationsState(() => null, fake.api);
    await none.load();
    expect(none.prefs).toBeNull();
  });
});
