import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runInThisContext } from 'node:vm';
import * as acorn from 'acorn';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { classicChunk } from './classic-chunk.ts';
import { withTag } from './classic-first-plugin.ts';

// A chunk as the bundler writes one: helpers imported from their own chunk, a binding
// it reassigns after it ran, `import.meta.url`, and one export list at the end.
const helpers = 'var o=(a)=>a*2,p=(a)=>a+1;export{o as t,p as n};';
const chunk = [
  'import{t as dbl,n as inc}from"./helpers.js";',
  'var doc,count=0;',
  'function init(){doc="the document"}',
  'function bump(){count=inc(count)}',
  'const twice=(x)=>dbl(x);',
  'const here=()=>new URL("x.js",import.meta.url).href;',
  'var mode=(function(){return this===void 0?"strict":"sloppy"})();',
  'export{init as i,bump as b,doc as D,count as c,twice as w,here as h,mode as m};',
].join('\n');

const dir = mkdtempSync(join(tmpdir(), 'classic-chunk-'));
let n = 0;

/** Converts `code` as served at a fresh URL, and loads the shim as a module from disk. */
function convert(code: string) {
  const url = `/_app/immutable/chunks/c${++n}.js`;
  const out = classicChunk(code, {
    url,
    scriptFile: `./c${n}.classic.js`,
    imported: (spec) => {
      if (spec !== './helpers.js') throw new Error(spec);
      return helpers;
    },
  });
  const file = join(dir, `shim${n}.mjs`);
  writeFileSync(file, out.shim);
  const load = () =>
    import(/* @vite-ignore */ pathToFileURL(file).href) as Promise<Record<string, unknown>>;
  return { ...out, url, load };
}

afterEach(() => vi.unstubAllGlobals());

describe('a module chunk served as a classic script', () => {
  it('exports through the shim what the module exported, live bindings kept current', async () => {
    vi.stubGlobal('location', { href: 'https://shop.example/sell' });
    const c = convert(chunk);
    expect(() =>
      acorn.parse(c.script, { ecmaVersion: 'latest', sourceType: 'script' }),
    ).not.toThrow();
    runInThisContext(c.script);
    const m = await c.load();
    expect((m.w as (x: number) => number)(21)).toBe(42);
    expect(m.m).toBe('strict');
    expect((m.h as () => string)()).toBe('https://shop.example/_app/immutable/chunks/x.js');
    // written after the shim read them
    expect(m.D).toBeUndefined();
    (m.i as () => void)();
    expect(m.D).toBe('the document');
    (m.b as () => void)();
    (m.b as () => void)();
    expect(m.c).toBe(2);
  });

  it('has the shim load the script when the page did not, and wait for the page’s own tag', async () => {
    vi.stubGlobal('location', { href: 'https://shop.example/' });
    for (const pageHasTag of [false, true]) {
      const c = convert(chunk);
      const listeners: Record<string, () => void> = {};
      const tag = {
        src: '',
        addEventListener: (type: string, f: () => void) => (listeners[type] = f),
      };
      const appended: unknown[] = [];
      vi.stubGlobal('document', {
        scripts: pageHasTag
          ? [
              Object.assign(tag, {
                src: new URL(`c${n}.classic.js`, pathToFileURL(join(dir, 'x'))).href,
              }),
            ]
          : [],
        createElement: () => tag,
        head: { append: (e: unknown) => appended.push(e) },
      });
      const loading = c.load();
      await vi.waitFor(() => expect(listeners.load).toBeDefined());
      expect(appended).toHaveLength(pageHasTag ? 0 : 1);
      expect(tag.src).toBe(new URL(`c${n}.classic.js`, pathToFileURL(join(dir, 'x'))).href);
      runInThisContext(c.script);
      listeners.load!();
      expect(((await loading).w as (x: number) => number)(2)).toBe(4);
    }
  });

  it('refuses what it cannot keep the same', () => {
    const refuse = (code: string) => () =>
      classicChunk(code, {
        url: '/x.js',
        scriptFile: './x.classic.js',
        imported: () => 'import"y";',
      });
    expect(refuse('var a=1;export default a;')).toThrow(/unsupported export/);
    expect(refuse('export const a=1;')).toThrow(/unsupported export/);
    expect(refuse('export*from"./y.js";')).toThrow(/unsupported export/);
    expect(refuse('var a=0;function f(){a++}export{a,f};')).toThrow(/not supported/);
    expect(refuse('import{a}from"./h.js";export{a};')).toThrow(/cannot be copied in/);
    expect(refuse('await 1;export{};')).toThrow();
  });
});

describe("a page's tag for the script", () => {
  const tag = '<script async src="/_app/immutable/chunks/X.classic.js"></script>';
  const page = [
    '<head>',
    '<link rel="manifest" href="/manifest.webmanifest" />',
    '<link href="/_app/immutable/entry/start.js" rel="modulepreload">',
    '</head><body></body>',
  ].join('\n');

  it('goes ahead of the first preload, once', () => {
    const html = withTag(page, tag);
    expect(html.indexOf(tag)).toBeGreaterThan(html.indexOf('manifest'));
    expect(html.indexOf(tag)).toBeLessThan(html.indexOf('modulepreload'));
    expect(withTag(html, tag)).toBe(html);
  });

  it('goes at the end of a head with no preloads, and nowhere in a page without one', () => {
    expect(withTag('<head><title>t</title></head>', tag)).toContain(`${tag}\n\t\t</head>`);
    expect(withTag('<p>no head</p>', tag)).toBe('<p>no head</p>');
  });
});
