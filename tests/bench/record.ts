import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';

const BENCH_FILE = new URL('../../BENCHMARKS.md', import.meta.url);

/** Replace (or append) one section of BENCHMARKS.md, between its markers. */
export function record(section: string, body: string): void {
  let text: string;
  try {
    text = readFileSync(BENCH_FILE, 'utf8');
  } catch {
    text =
      '# Benchmarks\n\nLatest results of `pnpm bench` and `pnpm test:chaos` (machine: 2 cores, Node 20). Budgets are checked here, not in unit tests.\n';
  }
  const start = `<!-- bench:${section}:start -->`;
  const end = `<!-- bench:${section}:end -->`;
  const block = `${start}\n${body}\n${end}`;
  const re = new RegExp(`${start}[\\s\\S]*?${end}`);
  text = re.test(text) ? text.replace(re, block) : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(BENCH_FILE, text);
}

export const machine = () =>
  `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
