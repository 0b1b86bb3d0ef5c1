import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from '../api.ts';
import type { TokenRow } from './tokens-api.ts';
import { TokensState } from './tokens.svelte.ts';

/** The token routes' contract, in memory: what the state is tested against. */
function fakeApi() {
  const rows: TokenRow[] = [
    {
      id: 'T0',
      name: 'Other shop',
      shopId: 'shop-b',
      scope: 'read',
      createdAt: '2026-12-01T10:00:00.000Z',
      lastUsedAt: null,
    },
  ];
  let down = false;
  return {
    setDown: (v: boolean) => (down = v),
    api: {
      list: () => (down ? Promise.reject(new NetworkError('offline')) : Promise.resolve([...rows])),
      create(input: { name: string; shopId: string; scope: 'read' | 'write' }) {
        if (down) return Promise.reject(new NetworkError('offline'));
        const row = {
          id: `T${rows.length}`,
          ...input,
          createdAt: '2026-12-03T10:00:00.000Z',
          lastUsedAt: null,
        };
        rows.push(row);
        return Promise.resolve({ ...row, token: 'sk_secret' });
      },
      revoke(id: string) {
        const i = rows.findIndex((r) => r.id === id);
        if (i < 0) return Promise.reject(new ApiError(404, 'not_found', 'No such token.'));
        rows.splice(i, 1);
        return Promise.resolve();
      },
    },
  };
}

describe('the API tokens section', () => {
  it("lists this shop's tokens, shows a new one once, and revokes", async () => {
    const fake = fakeApi();
    const state = new TokensState(() => 'shop-a', fake.api);
    await state.load();
    expect(state.items).toEqual([]);
    expect(await state.create('  Website ', 'write')).toBe(true);
    expect(state.made).toMatchObject({ name: 'Website', scope: 'write', token: 'sk_secret' });
    expect(state.items?.map((t) => t.name)).toEqual(['Website']);
    const id = state.items?.[0]?.id ?? '';
    expect(await state.revoke(id)).toBe(true);
    expect(state.made).toBeNull();
    expect(state.items).toEqual([]);
    // a second revoke of the same token says why
    expect(await state.revoke(id)).toBe(false);
    expect(state.error).toBe('No such token.');
  });

  it('asks for a name, and says it is offline instead of failing', async () => {
    const fake = fakeApi();
    const state = new TokensState(() => 'shop-a', fake.api);
    expect(await state.create('   ', 'read')).toBe(false);
    expect(state.error).toMatch(/name/);
    fake.setDown(true);
    await state.load();
    expect(state.offline).toBe(true);
    expect(await state.create('Sheet', 'read')).toBe(false);
    expect(state.error).toBeNull();
    fake.setDown(false);
    await state.load();
    expect(state.offline).toBe(false);
  });
});
