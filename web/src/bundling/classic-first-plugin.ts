import { readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import type { Plugin } from 'vite';
import { classicChunk } from './classic-chunk.ts';

/** What the classic script of a chunk `X.js` is called. */
const classicName = (chunkFile: string): string => chunkFile.replace(/\.js$/, '.classic.js');
const CLASSIC = /\.classic\.js$/;
/** where SvelteKit has Vite write its manifest */
const MANIFEST = '.vite/manifest.json';
interface ManifestEntry {
  file: string;
  imports?: string[];
  assets?: string[];
}

/**
 * Serves the first screen's chunk (the group `name`) as a classic script, which Chromium
 * starts from the code cache its service worker's install made (classic-chunk.ts says
 * why). In the client build, the chunk becomes the shim and the script an asset that
 * Vite's manifest lists with it (so SvelteKit's service worker precaches it). Once the
 * adapter has written the pages (`pages`, a folder), each gets an async tag for the
 * script in its head, so the script loads beside the modules instead of after the shim
 * asks for it. Measured (BENCHMARKS.md): no change on this machine's quiet cold start,
 * about 140 ms less (13 %) with the page's CPU slowed four times, as on a cheap phone.
 */
export function classicFirstChunk(name: string, pages: string): Plugin {
  let base = '/';
  let ssr = false;
  return {
    name: 'stallkeeper:classic-first-chunk',
    apply: 'build',
    configResolved(config) {
      base = config.base;
      ssr = Boolean(config.build.ssr);
    },
    // Last, once Vite has filled in its preload lists and written its manifest.
    generateBundle: {
      order: 'post',
      handler(_, bundle) {
        if (ssr) return;
        const chunk = Object.values(bundle).find((c) => c.type === 'chunk' && c.name === name);
        if (chunk?.type !== 'chunk') throw new Error(`classic chunk: no chunk named ${name}`);
        const code = (file: string) => {
          const c = bundle[file];
          if (c?.type !== 'chunk') throw new Error(`classic chunk: ${file} is not a chunk`);
          return c.code;
        };
        const script = classicName(chunk.fileName);
        const out = classicChunk(chunk.code, {
          url: `${base}${chunk.fileName}`,
          scriptFile: `./${basename(script)}`,
          imported: (spec) => code(join(dirname(chunk.fileName), spec)),
        });
        chunk.code = out.shim;
        this.emitFile({ type: 'asset', fileName: script, source: out.script });
        // SvelteKit's service worker precaches what Vite's manifest lists; a page preloads
        // what it says a chunk imports, and what this one imported is in the script now.
        const manifest = bundle[MANIFEST];
        if (manifest?.type !== 'asset') throw new Error('classic chunk: no Vite manifest');
        const entries = JSON.parse(String(manifest.source)) as Record<string, ManifestEntry>;
        const entry = Object.values(entries).find((e) => e.file === chunk.fileName);
        if (!entry) throw new Error(`classic chunk: ${chunk.fileName} is not in the manifest`);
        entry.assets = [...(entry.assets ?? []), script];
        delete entry.imports;
        manifest.source = JSON.stringify(entries, null, 2);
      },
    },
    closeBundle: {
      sequential: true,
      // SvelteKit's server build runs the client build and then the adapter (its own
      // closeBundle, ahead of this one): the pages are written by now.
      async handler() {
        if (!ssr) return;
        const scripts = await findScripts(pages);
        if (scripts.length !== 1) {
          throw new Error(`classic chunk: ${scripts.length} scripts in ${pages}`);
        }
        const tag = `<script async src="${base}${scripts[0]}"></script>`;
        for (const page of await htmlFiles(pages)) {
          const html = await readFile(page, 'utf8');
          await writeFile(page, withTag(html, tag));
        }
      },
    },
  };
}

/** The page with `tag` in its head, ahead of the first module preload (or at its end). */
export function withTag(html: string, tag: string): string {
  if (html.includes(tag)) return html;
  const head = html.indexOf('</head>');
  if (head < 0) return html;
  const preload = /<link [^>]*rel="modulepreload"/.exec(html)?.index ?? -1;
  const at = preload >= 0 && preload < head ? preload : head;
  return `${html.slice(0, at)}${tag}\n\t\t${html.slice(at)}`;
}

async function findScripts(pages: string): Promise<string[]> {
  const dir = join(pages, '_app/immutable/chunks');
  const files = await readdir(dir).catch(() => [] as string[]);
  return files.filter((f) => CLASSIC.test(f)).map((f) => relative(pages, join(dir, f)));
}

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => join(e.parentPath, e.name));
}
