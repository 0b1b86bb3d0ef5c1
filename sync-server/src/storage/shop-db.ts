import type { CompactionReport } from './compaction.ts';
import type { DocFailure } from './write-plan.ts';

/** A stored document as the store answers it: CouchDB's shape. */
export type StoredDoc = Record<string, unknown> & { _id: string; _rev: string };

export interface DocReadOptions {
  rev?: string | undefined;
  revs?: boolean | undefined;
  latest?: boolean | undefined;
  conflicts?: boolean | undefined;
  attachments?: boolean | undefined;
  revs_info?: boolean | undefined;
}

export interface BulkGetOptions {
  docs: { id: string; rev?: string | undefined }[];
  revs?: boolean | undefined;
  latest?: boolean | undefined;
  attachments?: boolean | undefined;
}

export type BulkGetDoc =
  { ok: StoredDoc } | { error: { id: string; rev: string; error: string; reason: string } };

export interface BulkGetResult {
  results: { id: string; docs: BulkGetDoc[] }[];
}

export interface AllDocsOptions {
  keys?: string[] | undefined;
  startkey?: string | undefined;
  endkey?: string | undefined;
  inclusive_end?: boolean | undefined;
  descending?: boolean | undefined;
  limit?: number | undefined;
  skip?: number | undefined;
  include_docs?: boolean | undefined;
  conflicts?: boolean | undefined;
}

export interface DocRow {
  id: string;
  key: string;
  value: { rev: string; deleted?: boolean };
  doc?: StoredDoc | null;
}

/** Asked by key, a row may say the document is not there. */
export type AllDocsRow = DocRow | { key: string; error: string };

export interface AllDocsResult<Row = AllDocsRow> {
  total_rows: number;
  offset: number;
  rows: Row[];
}

export interface ChangesOptions {
  /** a sequence number, or the opaque sequence CouchDB gives */
  since?: number | string | undefined;
  limit?: number | undefined;
  style?: 'all_docs' | 'main_only' | undefined;
  include_docs?: boolean | undefined;
  conflicts?: boolean | undefined;
  descending?: boolean | undefined;
  doc_ids?: string[] | undefined;
  selector?: { type: string | { $in: string[] } } | undefined;
}

export interface ChangeRow {
  id: string;
  seq: number | string;
  changes: { rev: string }[];
  deleted?: boolean;
  doc?: StoredDoc;
}

export type WriteResult = { ok: true; id: string; rev: string } | DocFailure;

/**
 * One shop's replicated documents, whatever stores them: the server's own revision
 * store on LevelDB (or memory), or a CouchDB through PouchDB's http adapter. Errors
 * thrown carry CouchDB's `status`, `name` and `reason`.
 */
export interface ShopDb {
  info(): Promise<{ doc_count: number; update_seq: number | string }>;
  changes(opts?: ChangesOptions): Promise<{ results: ChangeRow[]; last_seq: number | string }>;
  /**
   * Call `listener` after every change later than `since` (default: from now on),
   * including one already stored; returns the unsubscribe. A listener keeps the shop
   * in memory (a live feed) unless `keepsOpen` is false (the resolver).
   */
  subscribe(
    listener: () => void,
    since?: number | string,
    opts?: { keepsOpen?: boolean },
  ): () => void;
  revsDiff(req: Record<string, string[]>): Promise<Record<string, { missing: string[] }>>;
  /** CouchDB's `_bulk_docs`: one result per document, in order. */
  bulkDocs(docs: unknown[], opts?: { new_edits?: boolean }): Promise<WriteResult[]>;
  bulkGet(opts: BulkGetOptions): Promise<BulkGetResult>;
  allDocs(opts: AllDocsOptions & { keys: string[] }): Promise<AllDocsResult>;
  allDocs(opts?: Omit<AllDocsOptions, 'keys'>): Promise<AllDocsResult<DocRow>>;
  allDocs(opts?: AllDocsOptions): Promise<AllDocsResult>;
  get<T extends object = Record<string, unknown>>(
    id: string,
    opts?: DocReadOptions,
  ): Promise<T & { _id: string; _rev: string }>;
  getOpenRevs(
    id: string,
    revs: string[] | 'all',
    opts?: DocReadOptions,
  ): Promise<({ ok: StoredDoc } | { missing: string })[]>;
  /** Put one document (or a `_local/` one); throws a 409 on a conflict. */
  put(doc: object): Promise<{ ok: true; id: string; rev: string }>;
  remove(id: string, rev: string): Promise<{ ok: true; id: string; rev: string }>;
  getAttachment(
    id: string,
    name: string,
    opts?: { rev?: string },
  ): Promise<{ data: Buffer; contentType: string }>;
  /**
   * Server-owned state kept beside the shop (the resolver's): under a name no client
   * route can reach, written in one piece.
   */
  readState(name: string): Promise<string | undefined>;
  writeState(name: string, json: string): Promise<void>;
  /** Store `json` under `name` unless something is stored there; answers what is stored. */
  createState(name: string, json: string): Promise<string>;
  /**
   * Drop the bodies of revisions that stopped being leaves at least `graceMs` ago and
   * attachments nothing refers to (the embedded store; CouchDB compacts itself).
   */
  compact?(now?: number, graceMs?: number): Promise<CompactionReport>;
  /** Server-owned state whose names start with `prefix`, as [name, JSON] pairs. */
  readStateParts(prefix: string): Promise<[string, string][]>;
  /** One server-owned state part by its name. */
  readStatePart(name: string): Promise<string | undefined>;
  /** Put and delete server-owned state entries in one atomic write. */
  writeStateParts(puts: [string, string][], dels: string[]): Promise<void>;
  close(): Promise<void>;
  destroy(): Promise<void>;
}
