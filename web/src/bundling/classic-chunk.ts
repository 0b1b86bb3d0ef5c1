import * as acorn from 'acorn';
import { analyze } from 'eslint-scope';
import { walk } from 'estree-walker';
import MagicString from 'magic-string';

/**
 * Turns a module chunk into a classic script plus a small module (the "shim") that
 * takes the chunk's place. Chromium (156) never starts a module from a code cache,
 * but it does start a classic script a service worker cached at install from its
 * code cache (BENCHMARKS.md): for the first screen's chunk, a parse of well over a
 * hundred milliseconds on every cold start, against about one for the cached script.
 *
 * The classic script runs the chunk's code in a strict function and leaves its
 * exports in `globalThis.__skFirst[key]`; the shim, at the chunk's old file name,
 * re-exports them, so every other chunk imports from it as before. The shim loads
 * the script itself when a page has not. An export the chunk reassigns after it ran
 * (a live binding) is re-exported as a `let` that the script's writes keep current.
 *
 * Refused (an Error, so the build stops): a chunk importing a chunk that imports, exports
 * in another form than `export { a as b }`, or writes an export another way than `=`.
 */
export interface ClassicChunk {
  /** the classic script */
  script: string;
  /** the module that replaces the chunk */
  shim: string;
}

export interface ClassicChunkOptions {
  /** where the chunk is served, for `import.meta.url` (e.g. `/_app/immutable/chunks/X.js`) */
  url: string;
  /** the script's file, relative to the chunk's (e.g. `./X.classic.js`) */
  scriptFile: string;
  /** the code of a chunk the chunk imports, by its import specifier */
  imported: (spec: string) => string;
}

type Node = acorn.Node & Record<string, unknown>;

export function classicChunk(
  code: string,
  { url, scriptFile, imported }: ClassicChunkOptions,
): ClassicChunk {
  const main = moduleBody(code);
  const key = JSON.stringify(url);
  // The bundler's helpers come in a chunk of their own that the other chunks import too.
  // Stateless, they are copied in, ahead of the code as imports are.
  const deps = main.imports.map(({ spec, names, start, end }) => {
    const dep = moduleBody(imported(spec));
    if (dep.imports.length || dep.live.size) {
      throw new Error(`classic chunk: ${spec} imports or reassigns, and cannot be copied in`);
    }
    main.out.remove(start, end);
    const pick = names.map(
      ([name, local]) => `${local}=__skDep.${checkedName(name, dep.exported)}`,
    );
    const ret = [...dep.exported].map(([name, local]) => `${JSON.stringify(name)}:${local}`);
    return (
      `var __skDep=(function(){"use strict";${dep.out.toString()}\n;return{${ret.join(',')}}})();` +
      `var ${pick.join(',')};\n`
    );
  });
  const getters = [...main.exported]
    .map(([name, local]) => `get ${JSON.stringify(name)}(){return ${local}}`)
    .join(',');
  main.out.prepend(
    `(function(){"use strict";` +
      `var __skMeta={url:new URL(${key},location.href).href};` +
      `var __skLive={};var __skSet=function(n,v){var f=__skLive[n];if(f)f(v);return v};\n` +
      deps.join(''),
  );
  main.out.append(
    `\n;(globalThis.__skFirst||(globalThis.__skFirst={}))[${key}]={x:{${getters}},live:__skLive};})();\n`,
  );
  const script = main.out.toString();
  // A classic script must parse as one: this catches what the checks above do not
  // (a top-level await, an import left in).
  acorn.parse(script, { ecmaVersion: 'latest', sourceType: 'script' });

  const shim = [
    // The page's own tag for the script (async, so it may still be loading), or one made here.
    `const m=globalThis.__skFirst?.[${key}]??await new Promise((ok,fail)=>{` +
      `const src=new URL(${JSON.stringify(scriptFile)},import.meta.url).href;` +
      `let s=[...document.scripts].find(e=>e.src===src);` +
      `if(!s){s=document.createElement("script");s.src=src;document.head.append(s)}` +
      `s.addEventListener("load",()=>ok(globalThis.__skFirst[${key}]));` +
      `s.addEventListener("error",()=>fail(new Error("could not load "+src)))});`,
    ...[...main.exported.keys()].map((name, i) =>
      main.live.has(name)
        ? `let l${i}=m.x[${JSON.stringify(name)}];m.live[${JSON.stringify(name)}]=v=>{l${i}=v};export{l${i} as ${name}};`
        : `const c${i}=m.x[${JSON.stringify(name)}];export{c${i} as ${name}};`,
    ),
  ].join('\n');
  return { script, shim };
}

interface ModuleBody {
  /** the code with its imports still in and its exports taken out */
  out: MagicString;
  /** exported name → the module's own name for it */
  exported: Map<string, string>;
  /** exports the module writes after their declaration */
  live: Set<string>;
  imports: { spec: string; names: [string, string][]; start: number; end: number }[];
}

function moduleBody(code: string): ModuleBody {
  const ast = acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'module', ranges: true });
  const out = new MagicString(code);
  const exported = new Map<string, string>();
  const imports: ModuleBody['imports'] = [];
  for (const node of ast.body) {
    if (node.type === 'ImportDeclaration') {
      const names = node.specifiers.map((s): [string, string] => {
        if (s.type !== 'ImportSpecifier') {
          throw new Error('classic chunk: default or namespace import');
        }
        return [nameOf(s.imported), s.local.name];
      });
      imports.push({ spec: String(node.source.value), names, start: node.start, end: node.end });
    }
    if (node.type === 'ExportAllDeclaration' || node.type === 'ExportDefaultDeclaration') {
      throw new Error(`classic chunk: unsupported export (${code.slice(node.start, node.end)})`);
    }
    if (node.type !== 'ExportNamedDeclaration') continue;
    if (node.declaration || node.source) {
      throw new Error(`classic chunk: unsupported export (${code.slice(node.start, node.end)})`);
    }
    for (const s of node.specifiers) {
      if (s.local.type !== 'Identifier') throw new Error('classic chunk: string export name');
      exported.set(nameOf(s.exported), s.local.name);
    }
    out.remove(node.start, node.end);
  }

  const parents = new Map<acorn.Node, acorn.Node | null>();
  walk(ast as never, {
    enter(node, parent) {
      parents.set(node as never, parent as never);
      if (node.type === 'MetaProperty') {
        const n = node as unknown as acorn.Node;
        out.overwrite(n.start, n.end, '__skMeta');
      }
    },
  });

  // Which exports the module writes after their declaration: those need live re-exports.
  const scope = analyze(ast as never, { ecmaVersion: 2022, sourceType: 'module' });
  const top = scope.globalScope?.childScopes.find((s) => s.type === 'module');
  if (!top) throw new Error('classic chunk: no module scope');
  const live = new Set<string>();
  for (const [name, local] of exported) {
    const variable = top.set.get(local);
    if (!variable) throw new Error(`classic chunk: ${local} is not declared at the top`);
    for (const ref of variable.references) {
      if (!ref.isWrite() || ref.init) continue;
      const id = ref.identifier as unknown as acorn.Node;
      const parent = parents.get(id) as Node | undefined;
      if (parent?.type !== 'AssignmentExpression' || parent.left !== id) {
        throw new Error(`classic chunk: ${local} is written in a form not supported`);
      }
      out.prependLeft(parent.start, `__skSet(${JSON.stringify(name)},`);
      out.appendRight(parent.end, ')');
      live.add(name);
    }
  }
  return { out, exported, live, imports };
}

function checkedName(name: string, exported: ReadonlyMap<string, string>): string {
  if (!exported.has(name) || !/^[A-Za-z_$][\w$]*$/.test(name)) {
    throw new Error(`classic chunk: import of ${name}, which is not exported`);
  }
  return name;
}

function nameOf(node: acorn.Identifier | acorn.Literal): string {
  if (node.type === 'Identifier') return node.name;
  throw new Error('classic chunk: string export name');
}
