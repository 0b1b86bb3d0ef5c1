import { z } from 'zod';

/**
 * A backup is a directory: `manifest.json` plus one gzipped NDJSON file per shop and
 * one for the system database. NDJSON because a shop is streamed entry by entry (never
 * held in memory whole) and a line is readable with `zcat | head` when something is
 * wrong; gzip because revision JSON shrinks about fivefold.
 */
export const FORMAT = 'stallkeeper-backup';
export const VERSION = 1;
export const MANIFEST = 'manifest.json';
export const SYSTEM_FILE = 'system.ndjson.gz';
export const shopFile = (shopId: string) => `shop_${shopId}.ndjson.gz`;

const SHOP_ID = /^[0-9a-z]{26}$/;
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const fileInfo = z.object({
  file: z.string().regex(/^[a-z0-9_]+\.ndjson\.gz$/),
  bytes: z.number().int().min(0),
  sha256,
  /** lines in the file: store entries for a shop, documents for the system database */
  lines: z.number().int().min(0),
});

export const manifestSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(VERSION),
  createdAt: z.iso.datetime(),
  /** `server`: copied by the running server; `direct`: from a stopped server's data directory */
  via: z.enum(['server', 'direct']),
  shops: z.array(
    fileInfo.extend({ shopId: z.string().regex(SHOP_ID), docs: z.number().int().min(0) }),
  ),
  system: fileInfo,
});

export type Manifest = z.infer<typeof manifestSchema>;
export type FileInfo = z.infer<typeof fileInfo>;

/**
 * What a snapshot is made of, in order: each shop's store entries after its header,
 * then the system database's documents, then the end (a stream without it was cut).
 * The running server sends exactly these, one JSON value a line.
 */
export type BackupRecord =
  | { shop: string }
  | [key: string, value: string]
  | { system: true }
  | [doc: Record<string, unknown>]
  | { end: true };

/** One line of a snapshot as a record, or a refusal (a shop id also names a file: checked). */
export function toRecord(v: unknown): BackupRecord {
  if (Array.isArray(v)) {
    const [a, b] = v as unknown[];
    if (v.length === 2 && typeof a === 'string' && typeof b === 'string') return [a, b];
    if (v.length === 1 && a && typeof a === 'object' && !Array.isArray(a)) {
      return [a as Record<string, unknown>];
    }
  } else if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.shop === 'string' && SHOP_ID.test(o.shop)) return { shop: o.shop };
    if (o.system === true) return { system: true };
    if (o.end === true) return { end: true };
  }
  throw new BackupError('the snapshot has a line this version does not understand');
}

/** Every store key starts with a lower-case letter and a colon (rev-store-core.ts). */
export const STORE_KEY_RE = /^[a-z]:/;

/** A typed refusal: the CLI prints its message and exits 1, with no stack. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}
