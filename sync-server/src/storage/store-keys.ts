/**
 * Key layout, one LevelDB per shop:
 *   d:<id>           {"s": seq, "t": revision tree}
 *   b:<id>\0<rev>    the revision's JSON, `_revisions` included, attachments as stubs
 *   l:<id>           a `_local/` document
 *   a:<digest>       attachment contents (base64, as replication carries them)
 *   s:<name>         server-owned state (the resolver's); no route reads or writes it
 */
export const K = {
  doc: (id: string) => `d:${id}`,
  docs: ['d:', 'd;'] as const,
  body: (id: string, rev: string) => `b:${id}\u0000${rev}`,
  bodies: (id: string) => [`b:${id}\u0000`, `b:${id}\u0001`] as const,
  allBodies: ['b:', 'b;'] as const,
  blobs: ['a:', 'a;'] as const,
  local: (id: string) => `l:${id}`,
  blob: (digest: string) => `a:${digest}`,
  state: (name: string) => `s:${name}`,
};
