import { machine, record } from './record.ts';
import { replicationBenchmark } from './replication.ts';

/** `pnpm bench`: runs the benchmarks, prints JSON, and records the latest results in BENCHMARKS.md. */
const only = process.argv[2];

if (!only || only === 'replication') {
  process.stderr.write('replication benchmark…\n');
  const result = await replicationBenchmark();
  process.stdout.write(`${JSON.stringify({ replication: result }, null, 2)}\n`);
  const rows = result.runs.map(
    (r) =>
      `| ${r.target} | ${r.direction} | ${r.clients} | ${r.docs} | ${r.docsPerSecond} | ${r.serverCpuMsPer1000} |`,
  );
  const ratios = result.ratios.map(
    (r) =>
      `| ${r.direction} | ${r.cpuVsPouchdbServer1Client} | ${r.cpuVsPouchdbServer5Clients} | ${r.floorDocsPerSecond} | ${r.throughputVsFloor1Client} |`,
  );
  record(
    'replication',
    [
      '## Replication throughput (sync server vs pouchdb-server)',
      '',
      `${machine()}. Real PouchDB 9 replicator (Node, memory adapter), ${result.docs} order documents, batch size ${result.batchSize} (the web app's). Our server runs with auth and validation on, LevelDB storage; pouchdb-server 4.2 on LevelDB, no auth. Server CPU is user+system time of the server process from /proc.`,
      '',
      '| server | direction | clients | docs moved | docs/s | server CPU ms / 1000 docs |',
      '| --- | --- | --- | --- | --- | --- |',
      ...rows,
      '',
      `Targets: our CPU/1000 docs ≤ ${result.targets.cpuRatioMax} × pouchdb-server's; one-client throughput ≥ ${result.targets.floorRatioMin} × the in-process floor (two PouchDBs, no server).`,
      '',
      '| direction | CPU ratio (1 client) | CPU ratio (5 clients) | floor docs/s | throughput / floor (1 client) |',
      '| --- | --- | --- | --- | --- |',
      ...ratios,
    ].join('\n'),
  );
}
