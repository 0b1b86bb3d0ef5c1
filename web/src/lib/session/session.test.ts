import { afterEach, describe, expect, it, vi } from 'vitest';
import { firstScreenShown } from '../first-screen.ts';
import { deviceValue, setDeviceValue } from './device.ts';
import { SessionState } from './session.svelte.ts';
import { memoryStorage } from './testing.ts';

/** The session as the server answers it: `GET /api/auth/session` and the others. */
const ME = {
  user: { id: 'u1', name: 'Lena', email: 'lena@example.com', emailVerified: true },
  shops: [{ id: 'shop-a', name: 'Lena Pears', role: 'owner' }],
};

function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}
const revoked = () =>
  answer(401, { error: 'session_revoked', reason: 'This device was signed out.' });
const expired = () => answer(401, { error: 'unauthorized', reason: 'Your session has expired.' });

/** Until the session state has done what it does in the background. */
const settled = () => new Promise((r) => setTimeout(r, 50));

afterEach(async () => {
  vi.unstubAllGlobals();
  await setDeviceValue('session', null);
  await setDeviceValue('signed-out', null);
});

describe('a session ended from elsewhere', () => {
  firstScreenShown();

  it('signs this device out, remembers the shop whose work stays, and clears on sign-in', async () => {
    await setDeviceValue('session', { ...ME, activeShopId: 'shop-a' });
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(revoked())),
    );
    const state = new SessionState();
    await state.init();
    await settled();
    expect(state.status).toBe('anonymous');
    expect(state.expired).toBe(false);
    expect(state.signedOut).toMatchObject({ shopId: 'shop-a' });
    // a restart: it does not unlock from the cache, and still knows the shop
    expect(await deviceValue('session')).toBeNull();
    const again = new SessionState();
    await again.init();
    await settled();
    expect(again.status).toBe('anonymous');
    expect(again.signedOut).toMatchObject({ shopId: 'shop-a' });
    // signing in again goes back into that shop, and the note is gone
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(answer(200, ME))),
    );
    await again.login({ email: 'lena@example.com', password: 'x' });
    expect(again.status).toBe('ready');
    expect(again.activeShopId).toBe('shop-a');
    expect(again.signedOut).toBeNull();
    expect(await deviceValue('signed-out')).toBeNull();
  });

  it('an expired session keeps the device working, as before', async () => {
    await setDeviceValue('session', { ...ME, activeShopId: 'shop-a' });
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(expired())),
    );
    const state = new SessionState();
    await state.init();
    await settled();
    expect(state.status).toBe('ready');
    expect(state.expired).toBe(true);
    expect(state.signedOut).toBeNull();
  });

  it('a sync refused with 401 asks the server which it was', async () => {
    await setDeviceValue('session', { ...ME, activeShopId: 'shop-a' });
    const fetch = vi.fn(() => Promise.resolve(answer(200, ME)));
    vi.stubGlobal('fetch', fetch);
    const state = new SessionState();
    await state.init();
    expect(state.status).toBe('ready');
    fetch.mockImplementation(() => Promise.resolve(revoked()));
    state.markExpired();
    await settled();
    expect(state.status).toBe('anonymous');
    expect(state.signedOut).toMatchObject({ shopId: 'shop-a' });
  });
});

describe('a cold start', () => {
  firstScreenShown();

  it('unlocks from the cached session before IndexedDB answers, and locks after a sign-out', async () => {
    vi.stubGlobal('localStorage', memoryStorage());
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('offline'))),
    );
    // an older version kept the session in IndexedDB only: the first start reads it there
    await setDeviceValue('session', { ...ME, activeShopId: 'shop-a' });
    const upgraded = new SessionState();
    expect(upgraded.status).toBe('loading');
    await upgraded.init();
    expect(upgraded.status).toBe('ready');
    // the next start is ready as the app starts, offline
    const next = new SessionState();
    expect(next.status).toBe('ready');
    expect(next.activeShopId).toBe('shop-a');
    await next.init();
    await settled();
    expect(next.status).toBe('ready');
    // signed out from elsewhere: no later start unlocks, and the shop is remembered
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(revoked())),
    );
    await next.init();
    await settled();
    expect(next.status).toBe('anonymous');
    const after = new SessionState();
    expect(after.status).toBe('loading');
    expect(after.signedOut).toMatchObject({ shopId: 'shop-a' });
    await after.init();
    await settled();
    expect(after.status).toBe('anonymous');
  });
});
