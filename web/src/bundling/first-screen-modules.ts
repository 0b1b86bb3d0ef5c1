/**
 * Which modules a screen's first paint runs: the static import graph from its roots,
 * where a barrel (a module of `export … from` lines only, as `@stallkeeper/shared` is)
 * leads only to the modules that export a name the set imports from it. The rest of a
 * barrel is tree-shaken from that screen; counted in, it would only make it bigger.
 * Reading the imports is a heuristic (regular expressions over the transformed code):
 * a module it misses is not grouped, never lost, as the bundler still links it.
 */
export interface ModuleGraph {
  /** the module's transformed code, what it imports statically, and what it exports */
  info(
    id: string,
  ): { code: string | null; importedIds: readonly string[]; exports: readonly string[] } | null;
  /** the id an import specifier in `from` resolves to (null: external or unknown) */
  resolve(spec: string, from: string): Promise<string | null>;
}

type Names = ReadonlySet<string> | readonly string[] | 'all';

export async function firstScreenModules(
  graph: ModuleGraph,
  roots: readonly string[],
): Promise<Set<string>> {
  const first = new Set<string>();
  const barrels = new Set<string>();
  /** What the set takes from each barrel: some names, or all of it. */
  const wanted = new Map<string, Set<string> | 'all'>();
  const want = (barrel: string, names: Names): boolean => {
    const had = wanted.get(barrel);
    if (had === 'all') return false;
    if (names === 'all') {
      wanted.set(barrel, 'all');
      return true;
    }
    const set = had ?? new Set<string>();
    const size = set.size;
    names.forEach((n) => set.add(n));
    wanted.set(barrel, set);
    return set.size > size || !had;
  };
  const barrel = (id: string) => isBarrel(graph.info(id)?.code);

  const queue = [...roots];
  for (let grew = true; grew;) {
    grew = false;
    while (queue.length) {
      const id = queue.pop()!;
      if (first.has(id)) continue;
      first.add(id);
      grew = true;
      const m = graph.info(id);
      if (!m) continue;
      if (isBarrel(m.code)) {
        barrels.add(id);
        continue;
      }
      for (const { spec, names } of imports(m.code ?? '')) {
        const target = await graph.resolve(spec, id);
        if (target && barrel(target)) want(target, names);
      }
      queue.push(...m.importedIds);
    }
    // A barrel's module joins once the set imports a name it exports (or passes on).
    for (const b of barrels) {
      const names = wanted.get(b);
      if (!names) continue;
      for (const line of reexports(graph.info(b)?.code ?? '')) {
        const target = await graph.resolve(line.spec, b);
        if (!target) continue;
        const takes = pick(line, names, barrel(target), graph.info(target)?.exports ?? []);
        if (takes === null) continue;
        if (barrel(target) && want(target, takes)) grew = true;
        if (!first.has(target)) queue.push(target);
      }
    }
    if (queue.length) grew = true;
  }
  return first;
}

const COMMENTS = /\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm;
const REEXPORT =
  /^\s*export\s+(?:type\s+)?(\*(?:\s+as\s+([\w$]+))?|\{([^}]*)\})\s+from\s+['"]([^'"]+)['"];?\s*$/;

interface Reexport {
  spec: string;
  /** `export * as ns from …`: its name */
  namespace?: string;
  /** `export { a, b as c } from …`: exported name → imported name */
  named?: Map<string, string>;
}

function statements(code: string | null | undefined): string[] {
  return (code ?? '')
    .replace(COMMENTS, '')
    .split('\n')
    .filter((l) => l.trim() !== '');
}

function isBarrel(code: string | null | undefined): boolean {
  const lines = statements(code);
  return lines.length > 0 && lines.every((l) => REEXPORT.test(l));
}

function reexports(code: string): Reexport[] {
  return statements(code).flatMap((line): Reexport[] => {
    const m = REEXPORT.exec(line);
    if (!m || /^\s*export\s+type\b/.test(line)) return [];
    const spec = m[4]!;
    if (m[2]) return [{ spec, namespace: m[2] }];
    if (!m[3]) return [{ spec }];
    const named = new Map<string, string>();
    for (const [local, exported] of specifiers(m[3])) named.set(exported, local);
    return [{ spec, named }];
  });
}

/** What of a re-export's target the set takes, or null when it takes nothing. */
function pick(
  line: Reexport,
  names: ReadonlySet<string> | 'all',
  targetIsBarrel: boolean,
  exports: readonly string[],
): Names | null {
  if (line.namespace) return names === 'all' || names.has(line.namespace) ? 'all' : null;
  if (line.named) {
    const takes = [...line.named].filter(([out]) => names === 'all' || names.has(out));
    return takes.length ? takes.map(([, local]) => local) : null;
  }
  if (names === 'all') return 'all';
  // a barrel's `export *` lines may not be among its exports: pass the names on
  const takes = targetIsBarrel ? [...names] : exports.filter((e) => names.has(e));
  return takes.length ? takes : null;
}

/** `a, b as c, type D` → [a, a], [b, c] */
function specifiers(list: string): [string, string][] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '' && !s.startsWith('type '))
    .map((s) => {
      const [local = '', exported] = s.split(/\s+as\s+/);
      return [local.trim(), (exported ?? local).trim()];
    });
}

const IMPORT =
  /\bimport\s*(?:([\w$]+)\s*,?\s*)?(\{[^}]*\}|\*\s*as\s+[\w$]+)?\s*from\s*['"]([^'"]+)['"]/g;

/** A module's static imports and the names it takes (`import { a, b as c } from 'x'`: a, b). */
export function imports(code: string): { spec: string; names: Names }[] {
  const found: { spec: string; names: Names }[] = [];
  for (const [, head, clause = '', spec = ''] of code.matchAll(IMPORT)) {
    if (head === 'type' && clause.startsWith('{')) continue; // erased
    if (clause.startsWith('*')) {
      found.push({ spec, names: 'all' });
      continue;
    }
    const names = head ? ['default'] : [];
    if (clause) names.push(...specifiers(clause.slice(1, -1)).map(([local]) => local));
    found.push({ spec, names });
  }
  return found;
}
