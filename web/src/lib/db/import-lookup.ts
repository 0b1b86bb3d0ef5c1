import type { ExistingCustomer, ExistingProduct } from '@stallkeeper/shared';
import type { ShopContext } from './shop.ts';

/** What an import reads before it plans: the shop's catalog and customers, and the owner's mappings. */

/** The shop's products by code key, read once from the read model (archived ones too). */
export async function existingProducts(ctx: ShopContext): Promise<Map<string, ExistingProduct>> {
  const rows = await ctx.local.products.toArray();
  return new Map(
    rows.map((r) => [
      r.codeLower,
      {
        id: r.id,
        fields: {
          code: r.code,
          name: r.name,
          unit: r.unit,
          price: r.price,
          cost: r.cost,
          description: r.description,
          imageUrl: r.imageUrl,
          lowStockThreshold: r.lowStockThreshold,
          active: r.active === 1,
          category: r.category,
          online: r.online === 1,
          onlineAllowance: r.onlineAllowance ?? null,
        },
      },
    ]),
  );
}

/** The shop's customers by their phone's digits (those with a phone), read once. */
export async function existingCustomers(ctx: ShopContext): Promise<Map<string, ExistingCustomer>> {
  const rows = await ctx.local.customers.toArray();
  return new Map(
    rows.flatMap((r) =>
      r.phoneDigits
        ? [
            [
              r.phoneDigits,
              {
                id: r.id,
                fields: {
                  name: r.name,
                  phone: r.phone,
                  email: r.email,
                  address: r.address,
                  location: r.location,
                  notes: r.notes,
                },
              },
            ] as const,
          ]
        : [],
    ),
  );
}

/** A file name fit for a note and the activity log (no control or direction characters). */
const MAPPING_KEY = 'import.mapping:';

/** The owner's own mapping for files with these columns, if this device has one. */
export async function rememberedMapping(
  ctx: ShopContext,
  headerKey: string,
): Promise<Record<string, unknown> | null> {
  const row = await ctx.local.meta.get(MAPPING_KEY + headerKey);
  const value: unknown = row?.value;
  return typeof value === 'object' && value !== null ? { ...value } : null;
}

/** Remember the mapping used for files with these columns (on this device only). */
export async function rememberMapping(
  ctx: ShopContext,
  headerKey: string,
  mapping: Readonly<Record<string, number | null>>,
): Promise<void> {
  await ctx.local.meta.put({ key: MAPPING_KEY + headerKey, value: { ...mapping } });
}
