import type { Kv, KvOp } from './kv.ts';
import { K } from './store-keys.ts';

/**
 * Server-owned state (`s:` keys, the resolver's and compaction's): kept in the shop's
 * LevelDB beside its documents, but no route reads or writes it.
 */

/** The first key after every key that starts with `prefix`. */
const after = (prefix: string) =>
  prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);

/** Every state part whose name starts with `prefix`, as [name, value]. */
export async function readStateParts(kv: Kv, prefix: string): Promise<[string, string][]> {
  const from = K.state(prefix);
  const out: [string, string][] = [];
  const skip = K.state('').length;
  for await (const [key, value] of kv.range(from, after(from))) {
    out.push([key.slice(skip), value]);
  }
  return out;
}

/** One batch that deletes `dels` and then puts `puts`. */
export const statePartsOps = (puts: [string, string][], dels: string[]): KvOp[] => [
  ...dels.map((name): KvOp => ({ type: 'del', key: K.state(name) })),
  ...puts.map(([name, value]): KvOp => ({ type: 'put', key: K.state(name), value })),
];
