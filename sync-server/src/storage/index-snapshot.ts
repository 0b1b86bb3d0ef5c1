import type { Entry } from './index-entry.ts';

/**
 * A shop's index as one stored string, written when the shop leaves memory and read
 * when it loads again: one `get` and a split instead of reading and parsing every
 * document's revision tree (a cold shop's first request waited on that). Lines are
 * `<id>\t<entry>`, in sequence order; an entry is the packed `"<seq> <rev>"` or, for a
 * branched or deleted document, its JSON. The first write after a load deletes the
 * snapshot in the same batch, so a stored one always matches the documents.
 */
export const SNAPSHOT_VERSION = '1';

/** The snapshot's text, or null when an id would break its lines (the full read serves). */
export function encodeIndex(
  docs: ReadonlyMap<string, Entry | string>,
  order: Iterable<string>,
): string | null {
  const lines = [SNAPSHOT_VERSION];
  for (const id of order) {
    if (id.includes('\n') || id.includes('\t')) return null;
    const v = docs.get(id);
    if (v === undefined) continue;
    lines.push(`${id}\t${typeof v === 'string' ? v : JSON.stringify(v)}`);
  }
  return lines.join('\n');
}

/** The entries in sequence order, or null if the text is not a snapshot this code reads. */
export function decodeIndex(text: string): [string, Entry | string][] | null {
  const lines = text.split('\n');
  if (lines[0] !== SNAPSHOT_VERSION) return null;
  const out: [string, Entry | string][] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const tab = line.indexOf('\t');
    if (tab < 0) return null;
    const v = line.slice(tab + 1);
    out.push([line.slice(0, tab), v.startsWith('{') ? (JSON.parse(v) as Entry) : v]);
  }
  return out;
}
