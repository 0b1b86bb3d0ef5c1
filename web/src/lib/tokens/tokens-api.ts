import type { TokenScope } from '@stallkeeper/shared';
import { apiFetch } from '../api.ts';

/** An API token as the server lists it (never its value). */
export interface TokenRow {
  id: string;
  name: string;
  shopId: string;
  scope: TokenScope;
  createdAt: string;
  lastUsedAt: string | null;
}

/** `/api/tokens`: the signed-in person's tokens for programs (REST API). */
export const tokensApi = {
  async list(): Promise<TokenRow[]> {
    return ((await (await apiFetch('/api/tokens')).json()) as { items: TokenRow[] }).items;
  },
  async create(input: {
    name: string;
    shopId: string;
    scope: TokenScope;
  }): Promise<TokenRow & { token: string }> {
    const res = await apiFetch('/api/tokens', { method: 'POST', body: JSON.stringify(input) });
    return (await res.json()) as TokenRow & { token: string };
  },
  async revoke(id: string): Promise<void> {
    await apiFetch(`/api/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });
  },
};
