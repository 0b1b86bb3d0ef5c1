import { z } from 'zod';
import { HLC_RE } from '../hlc.ts';
import { ULID_RE } from '../ids.ts';
import { HUMAN_NUMBER_RE } from '../numbers.ts';
import { UNITS } from '../quantity.ts';

export const ulidSchema = z.string().regex(ULID_RE, 'must be a ULID');
export const isoDateTime = z.iso.datetime({ offset: true });
export const isoDate = z.iso.date();
export const minor = z.number().int().min(-1e13).max(1e13);
export const nonNegativeMinor = minor.min(0);
/** Quantity in base units (pieces, g, ml, mm). */
export const baseQuantity = z.number().int().min(1).max(1e9);
export const signedQuantity = z
  .number()
  .int()
  .min(-1e9)
  .max(1e9)
  .refine((n) => n !== 0, 'must not be zero');
export const unitSchema = z.enum(UNITS);
export const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like EUR');
export const humanNumber = z.string().regex(HUMAN_NUMBER_RE, 'must look like K3-0042');
export const deviceId = z.string().regex(/^[A-Za-z0-9_-]{4,40}$/, 'bad device id');
export const userId = z.string().regex(/^[A-Za-z0-9_-]{4,40}$/, 'bad user id');
export const hlcStamp = z.string().regex(HLC_RE, 'bad clock stamp');
export const shortText = (max: number) => z.string().trim().max(max);
export const requiredText = (label: string, max: number) =>
  z.string().trim().min(1, `${label} is required`).max(max, `${label} is too long`);

/** Per-field HLC stamps on mutable documents, used by the merge. */
export const stampsSchema = z.record(z.string().max(40), hlcStamp);

/** CouchDB bookkeeping a stored document may carry. */
export const couchFields = {
  _rev: z
    .string()
    .regex(/^\d+-[0-9a-f]{1,64}$/)
    .optional(),
  _revisions: z.object({ start: z.number().int(), ids: z.array(z.string()) }).optional(),
  _deleted: z.literal(true).optional(),
  _conflicts: z.array(z.string()).optional(),
};

/** An attachment is either inline (base64 data) or a stub naming stored content by digest. */
const attachmentMeta = {
  content_type: z.string().max(100),
  revpos: z.number().int().optional(),
};
export const attachmentsSchema = z
  .record(
    z.string().max(100),
    z.union([
      z.object({
        ...attachmentMeta,
        stub: z.literal(true),
        digest: z.string().max(200),
        length: z.number().int().min(0),
      }),
      z.object({
        ...attachmentMeta,
        data: z.string(),
        digest: z.string().max(200).optional(),
        length: z.number().int().min(0).optional(),
      }),
    ]),
  )
  .optional();

/** `<prefix>:<ULID>` id schema for a kind. */
export function prefixedId(prefix: string) {
  return z
    .string()
    .regex(new RegExp(`^${prefix}:[0-9A-HJKMNP-TV-Z]{26}$`), `must be ${prefix}:<id>`);
}

/** Who wrote an append-only fact, from which device, when. */
export const authorship = {
  at: isoDateTime,
  by: userId,
  deviceId,
};
