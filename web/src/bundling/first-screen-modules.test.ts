import { describe, expect, it } from 'vitest';
import { firstScreenModules, imports, type ModuleGraph } from './first-screen-modules.ts';

/** A module graph from sources: each import specifier is a module id. */
function graph(
  sources: Record<string, string>,
  exportsOf: Record<string, string[]> = {},
): ModuleGraph {
  return {
    info: (id) => {
      const code = sources[id];
      if (code === undefined) return null;
      return {
        code,
        importedIds: [...code.matchAll(/from\s+'([^']+)'|import\s+'([^']+)'/g)].map(
          (m) => (m[1] ?? m[2])!,
        ),
        exports: exportsOf[id] ?? [],
      };
    },
    resolve: (spec) => Promise.resolve(spec in sources ? spec : null),
  };
}

describe("the first screen's modules", () => {
  const shared = {
    barrel: [
      "export * from 'money';",
      "export * from 'reports';",
      "export * as util from 'util';",
    ].join('\n'),
    money: 'export function formatMoney() {}',
    reports: "import { z } from 'zod';\nexport function salesReport() {}",
    zod: 'export const z = {};',
    util: 'export function clone() {}',
  };
  const exportsOf = {
    money: ['formatMoney'],
    reports: ['salesReport'],
    zod: ['z'],
    util: ['clone'],
  };

  it('follow every static import, and only what they take from a barrel', async () => {
    const g = graph(
      {
        ...shared,
        entry:
          "import { formatMoney } from 'barrel';\nimport { page } from 'page';\nimport 'styles';",
        page: "import Thing from 'thing';\nexport const page = 1;",
        thing: 'export default 1;',
        styles: '',
        lazy: "export const later = import('reports');",
      },
      exportsOf,
    );
    const first = await firstScreenModules(g, ['entry']);
    expect([...first].sort()).toEqual(['barrel', 'entry', 'money', 'page', 'styles', 'thing']);
  });

  it('take all of a barrel imported whole, and a namespace it re-exports when it is used', async () => {
    const whole = await firstScreenModules(
      graph({ ...shared, entry: "import * as s from 'barrel';" }, exportsOf),
      ['entry'],
    );
    expect([...whole].sort()).toEqual(['barrel', 'entry', 'money', 'reports', 'util', 'zod']);

    const ns = await firstScreenModules(
      graph({ ...shared, entry: "import { util } from 'barrel';" }, exportsOf),
      ['entry'],
    );
    expect([...ns].sort()).toEqual(['barrel', 'entry', 'util']);
  });

  it('follow a barrel of barrels, and names a module imports later', async () => {
    const g = graph(
      {
        ...shared,
        outer: "export { formatMoney as money } from 'barrel';\nexport * from 'more';",
        more: "export * from 'reports';",
        entry: "import { money } from 'outer';\nimport { b } from 'b';",
        b: "import { salesReport } from 'outer';\nexport const b = 1;",
      },
      exportsOf,
    );
    const first = await firstScreenModules(g, ['entry']);
    expect([...first].sort()).toEqual(
      ['b', 'barrel', 'entry', 'money', 'more', 'outer', 'reports', 'zod'].sort(),
    );
  });
});

describe('reading imports', () => {
  it('names what each import takes, and skips type-only ones', () => {
    const code = [
      "import { a, b as c, type T } from './x.ts';",
      "import type { U } from './types.ts';",
      "import D, { e } from 'd';",
      "import * as ns from 'ns';",
      "import F from 'f';",
      "import './side.css';",
    ].join('\n');
    expect(imports(code)).toEqual([
      { spec: './x.ts', names: ['a', 'b'] },
      { spec: 'd', names: ['default', 'e'] },
      { spec: 'ns', names: 'all' },
      { spec: 'f', names: ['default'] },
    ]);
  });
});
