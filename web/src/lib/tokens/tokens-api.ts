import type { CreateTokenInput, TokenInfo } from '@stallkeeper/shared';
import { apiFetch } from '../api.ts';
import { schemas } from '../schemas.ts';

/** An API token as the server lists it (never its value). */
export type TokenRow = TokenInfo;

/** `/api/tokens`: the signed-in person's tokens for programs (REST API). */
export const tokensApi = {
  async list(): Promise<TokenRow[]> {
    const { tokenInfo } = await schemas();
    const body = (await (await apiFetch('/api/tokens')).json()) as { items: unknown };
    return tokenInfo.array().parse(body.items);
  },
  async create(input: CreateTokenInput): Promise<TokenRow & { token: string }> {
    const { tokenInfo } = await schemas();
    const res = await apiFetch('/api/tokens', { method: 'POST', body: JSON.stringify(input) });
    const body = (await res.json()) as { token?: unknown };
    // the value is answered only this once; without it the token is of no use
    if (typeof body.token !== 'string') throw new Error('The server did not answer the token.');
    return {
      ...tokenInfo.omit({ lastUsedAt: true }).parse(body),
      lastUsedAt: null,
      token: body.token,
    };
  },
  async revoke(id: string): Promise<void> {
    await apiFetch(`/api/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });
  },
};
