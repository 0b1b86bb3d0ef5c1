import { z } from 'zod';
import { HLC_RE } from '../hlc.ts';
import { ULID_RE } from '../ids.ts';
import { HUMAN_NUMBER_RE } from '../numbers.ts';
import { UNITS } from '../quantity.ts';
import { isSafeLine, isSafeText, UNSAFE_TEXT_MESSAGE } from '../text.ts';
import { isRevision, MAX_REV_LENGTH, MAX_REV_POS, REV_HASH_RE, REVS_LIMIT } from '../revision.ts';

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
/** Free text that may span lines (notes, addresses, descriptions). */
// The text rule runs before zod's trim: a stored document keeps what was sent, so a
// line break at the end of a name must be refused, not trimmed away in zod's copy only.
export const shortText = (max: number) =>
  z.string().refine(isSafeText, UNSAFE_TEXT_MESSAGE).trim().max(max);
/** A one-line text (names, labels). */
export const lineText = (max: number) =>
  z.string().refine(isSafeLine, UNSAFE_TEXT_MESSAGE).trim().max(max);
export const requiredText = (label: string, max: number) =>
  z
    .string()
    .refine(isSafeLine, `${label} ${UNSAFE_TEXT_MESSAGE}`)
    .trim()
    .min(1, `${label} is required`)
    .max(max, `${label} is too long`);

/** At most this many keys in a record a client writes (stamps, attachments): every document has a bounded weight. */
export const MAX_RECORD_KEYS = 64;
const boundedKeys = (o: object) => Object.keys(o).length <= MAX_RECORD_KEYS;

/** Per-field HLC stamps on mutable documents, used by the merge. */
export const stampsSchema = z
  .record(z.string().max(40), hlcStamp)
  .refine(boundedKeys, `at most ${MAX_RECORD_KEYS} stamps`);

/** A revision id, by the one rule in revision.ts. */
export const revisionSchema = z
  .string()
  .max(MAX_REV_LENGTH)
  .refine(isRevision, 'must be a revision like 1-abc');

/** CouchDB bookkeeping a stored document may carry. */
export const couchFields = {
  _rev: revisionSchema.optional(),
  _revisions: z
    .object({
      start: z.number().int().min(1).max(MAX_REV_POS),
      ids: z.array(z.string().regex(REV_HASH_RE)).min(1).max(REVS_LIMIT),
    })
    .optional(),
  _deleted: z.literal(true).optional(),
  _conflicts: z.array(revisionSchema).max(REVS_LIMIT).optional(),
};

/**
 * The server's seal on a document it wrote itself (the shop page's orders and what
 * comes with them), so a device can give it back after a restore
 * (sync-server/src/replication/server-seal.ts). An HMAC-SHA256, base64url.
 */
export const serverMadeFields = {
  serverSeal: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/, "serverSeal is the server's own")
    .optional(),
};

/** A product's photos: how many, and how big each may be (decoded). */
export const MAX_ATTACHMENTS = 4;
export const MAX_ATTACHMENT_BYTES = 1024 * 1024;
/** What base64 text decodes to, in bytes: 3 per 4 characters, less the `=` padding. */
export const base64Bytes = (data: string): number =>
  Math.floor((data.length * 3) / 4) - (data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0);

/** An attachment is either inline (base64 data) or a stub naming stored content by digest. */
const attachmentMeta = {
  content_type: z.string().max(100),
  revpos: z.number().int().min(0).max(MAX_REV_POS).optional(),
};
export const attachmentsSchema = z
  .record(
    z.string().max(100),
    z.union([
      z.object({
        ...attachmentMeta,
        stub: z.literal(true),
        digest: z.string().max(200),
        length: z.number().int().min(0).max(MAX_ATTACHMENT_BYTES, 'images may be at most 1 MB'),
      }),
      z.object({
        ...attachmentMeta,
        // the length bound first, so a huge string is refused before it is measured
        data: z
          .string()
          .max(Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4, 'images may be at most 1 MB')
          .refine((d) => base64Bytes(d) <= MAX_ATTACHMENT_BYTES, 'images may be at most 1 MB'),
        digest: z.string().max(200).optional(),
        length: z
          .number()
          .int()
          .min(0)
          .max(MAX_ATTACHMENT_BYTES, 'images may be at most 1 MB')
          .optional(),
      }),
    ]),
  )
  .refine((o) => Object.keys(o).length <= MAX_ATTACHMENTS, `at most ${MAX_ATTACHMENTS} images`)
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
