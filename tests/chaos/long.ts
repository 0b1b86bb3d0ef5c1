import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { machine, record } from '../bench/record.ts';
import { runChaos } from './chaos.ts';
import { resolverThroughput } from './resolver-throughput.ts';

/** `pnpm test:chaos`: 20 devices × 1,000 sales, 10 server kills; figures to BENCHMARKS.md. */
const seed = Number(process.env.CHAOS_SEED ?? Date.now() % 1_000_000);
const devices = Number(process.env.CHAOS_DEVICES ?? 20);
const sales = Number(process.env.CHAOS_SALES ?? 1000);
const kills = Number(process.env.CHAOS_KILLS ?? 10);
process.on('unhandledRejection', (err) => {
  // PouchDB may leave a cut request's rejection unhandled when we SIGKILL the server.
  const e = err as Error & { code?: string };
  if (
    e?.name === 'FetchError' &&
    /ECONNRESET|ECONNREFUSED|socket hang up/.test(`${e.code} ${e.message}`)
  ) {
    return;
  }
  throw err;
});

process.stderr.write(`chaos: ${devices} devices × ${sales} sales, ${kills} kills, seed ${seed}\n`);
const diskDir = mkdtempSync(join(tmpdir(), 'stallkeeper-chaos-devices-'));
let throughput: Awaited<ReturnType<typeof resolverThroughput>> | null = null;
const result = await runChaos({
  devices,
  salesPerDevice: sales,
  kills,
  products: 12,
  seed,
  diskDir,
  log: (l) => process.stderr.write(`${l}\n`),
  afterChecks: async (r) => {
    throughput = await resolverThroughput(r.serverUrl, r.shopId, r.cookie);
  },
});
rmSync(diskDir, { recursive: true, force: true });
const figures = Object.fromEntries(
  Object.entries(result).filter(([k]) => k !== 'cookie' && k !== 'serverUrl'),
);
const passed =
  result.ordersOnServer === result.sales &&
  result.replicasIdentical &&
  result.stockMatches &&
  result.unresolvedConflicts === 0 &&
  result.ordersWithoutAllocation === 0 &&
  result.audit.ok &&
  result.audit.entries === result.auditEntriesOnServer;
process.stdout.write(`${JSON.stringify({ passed, ...figures, resolver: throughput }, null, 2)}\n`);
const t = throughput as Awaited<ReturnType<typeof resolverThroughput>> | null;
record(
  'chaos',
  [
    '## Chaos run (`pnpm test:chaos`)',
    '',
    `${machine()}. ${result.devices} simulated devices (real PouchDB replicators, LevelDB on disk) × ${result.sales / result.devices} sales, random disconnects and concurrent product edits, server SIGKILLed ${result.kills}× and restarted on the same LevelDB directory. Seed ${result.seed}.`,
    '',
    '| figure | value |',
    '| --- | --- |',
    `| result | ${passed ? 'passed' : 'FAILED'} |`,
    `| sales made / distinct orders on the server | ${result.sales} / ${result.ordersOnServer} |`,
    `| cancellations, restocks, product edits | ${result.cancelled}, ${result.restocks}, ${result.edits} |`,
    `| documents on the server | ${result.docsOnServer} |`,
    `| replicas identical to the server (ids and revisions) | ${result.replicasIdentical} |`,
    `| derived stock identical everywhere and as expected | ${result.stockMatches} |`,
    `| conflicts left unresolved | ${result.unresolvedConflicts} |`,
    `| orders without an allocation | ${result.ordersWithoutAllocation} |`,
    `| audit chain | ${result.audit.ok ? `verifies (${result.audit.entries} entries)` : `broken at ${result.audit.brokenAt}`} |`,
    `| wall time (incl. convergence, ${result.convergenceRounds} rounds) | ${result.seconds} s |`,
    `| resolver throughput (fresh resolver over the whole shop) | ${t ? `${t.ordersPerSecond} orders/s (${t.orders} orders in ${t.seconds} s)` : 'n/a'} |`,
  ].join('\n'),
);
process.exitCode = passed ? 0 : 1;
