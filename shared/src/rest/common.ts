import { z } from 'zod';

/**
 * The REST API's shapes (`/api/v1`): the server validates with them and the
 * OpenAPI document is generated from them. Documents stay the shop's own schemas;
 * these are the public views of them, with plain ids and no clock stamps.
 */

/** `{error, reason, issues?}`: every error the API answers. */
export const restError = z
  .object({
    error: z.string(),
    reason: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Error' });
export type RestError = z.infer<typeof restError>;

/** A page of a list: `nextCursor` is null on the last page. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const MAX_PAGE = 200;

/** `limit` and `cursor` of every list. */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(50),
  cursor: z.string().max(400).optional(),
});

export const shopParam = z.object({ shopId: z.string().max(80) });
export const idParam = shopParam.extend({ id: z.string().max(120) });
