import type { Storefront, StorefrontInput } from '@stallkeeper/shared/rest';
import { apiFetch } from '../api.ts';
import { schemas } from '../schemas.ts';

/** `/api/v1/shops/:shopId/storefront`: the shop page's settings (owners; the session cookie). */
export const storefrontApi = {
  async get(shopId: string): Promise<Storefront> {
    const { storefront } = await schemas();
    const res = await apiFetch(`/api/v1/shops/${encodeURIComponent(shopId)}/storefront`);
    return storefront.parse(await res.json());
  },
  async put(shopId: string, input: StorefrontInput): Promise<Storefront> {
    const { storefront } = await schemas();
    const res = await apiFetch(`/api/v1/shops/${encodeURIComponent(shopId)}/storefront`, {
      method: 'PUT',
      body: JSON.stringify(input),
    });
    return storefront.parse(await res.json());
  },
};
