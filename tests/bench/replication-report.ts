import { machine } from './record.ts';
import type { replicationBenchmark } from './replication.ts';
import type { resolverBenchmark } from './resolver.ts';

type Replication = Awaited<ReturnType<typeof replicationBenchmark>>;
type Resolver = Awaited<ReturnType<typeof resolverBenchmark>>;

const ok = (ratio: number | null, max: number) =>
  ratio === null ? '—' : ratio <= max ? 'within' : '**over**';

/**
 * The replication section of BENCHMARKS.md. Push CPU is judged with five clients over a
 * 20 ms round trip (the realistic setting: over loopback five replicators send a fast
 * server partial batches); one-client loopback push and pull as before.
 */
export function replicationMarkdown(result: Replication, resolver: Resolver): string {
  const max = result.targets.cpuRatioMax;
  const rows = result.runs.map(
    (r) =>
      `| ${r.target} | ${r.direction} | ${r.clients} | ${r.docs} | ${r.docsPerSecond} | ${r.serverCpuMsPer1000} | ${r.cpuMsPer1000Min}–${r.cpuMsPer1000Max} | ${r.requestsPer1000} |`,
  );
  const net = result.overNetwork;
  const netRows = net.runs.map(
    (r) =>
      `| ${r.target} | push | 5 (${net.roundTripMs} ms round trip) | ${r.docs} | ${r.docsPerSecond} | ${r.serverCpuMsPer1000} | ${r.cpuMsPer1000Min}–${r.cpuMsPer1000Max} | ${r.requestsPer1000} |`,
  );
  const push = result.ratios.find((r) => r.direction === 'push');
  const pull = result.ratios.find((r) => r.direction === 'pull');
  const judged = [
    ['push, 5 clients, 20 ms round trip', net.cpuVsPouchdbServer5Clients],
    ['push, 1 client, loopback', push?.cpuVsPouchdbServer1Client ?? null],
    ['pull, 1 client, loopback', pull?.cpuVsPouchdbServer1Client ?? null],
  ] as const;
  return [
    '## Replication throughput (sync server vs pouchdb-server)',
    '',
    `${machine()}. Real PouchDB 9 replicator (Node, memory adapter), ${result.docs} order documents, batch size ${String(result.batchSize.push)} push / ${String(result.batchSize.pull)} pull (the web app's). Our server runs with auth and validation on, LevelDB storage (its revision store), and \`RUN_RESOLVERS=false\` — replication alone, as a replica behind a load balancer runs; the resolver is measured on its own below. pouchdb-server 4.2 on LevelDB, no auth. Both servers first do every run ${result.warmRounds} times, unmeasured, to warm up; then each setting runs ${result.repeats} times per server, the servers taking turns, and the table shows medians (single runs on this machine swing by ±30 %). Clients keep connections open between requests (an HTTP keep-alive agent), as browsers do: PouchDB's Node fetch otherwise opens a new TCP connection for every request. Server CPU is user+system time of the server process from /proc; every run checks that all documents were written. The five-client push over a network adds ${net.roundTripMs} ms before every request, as a good mobile or Wi-Fi link to a nearby server adds.`,
    '',
    '| server | direction | clients | docs moved | docs/s | server CPU ms / 1000 docs | CPU range of the runs | requests / 1000 docs |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    ...netRows,
    '',
    `Targets: our server CPU per 1000 documents ≤ ${max} × pouchdb-server's, push judged with five clients over the ${net.roundTripMs} ms round trip (the realistic setting: over loopback five replicators send a fast server partial batches), one-client push and pull over loopback; one-client throughput ≥ ${result.targets.floorRatioMin} × the in-process floor (two PouchDBs, no server; median of ${result.repeats} runs). Ratios are of the medians.`,
    '',
    '| setting | CPU ratio (ours ÷ pouchdb-server) | target | |',
    '| --- | --- | --- | --- |',
    ...judged.map(([name, r]) => `| ${name} | ${r ?? '—'} | ≤ ${max} | ${ok(r, max)} |`),
    '',
    '| direction | floor docs/s | throughput / floor (1 client) | target | | CPU ratio, 5 clients over loopback (supplementary) |',
    '| --- | --- | --- | --- | --- | --- |',
    ...result.ratios.map((r) => {
      const t = r.throughputVsFloor1Client;
      const met = t === null ? '—' : t >= result.targets.floorRatioMin ? 'within' : '**under**';
      return `| ${r.direction} | ${r.floorDocsPerSecond} | ${t} | ≥ ${result.targets.floorRatioMin} | ${met} | ${r.cpuVsPouchdbServer5Clients} |`;
    }),
    '',
    `Durability: every replicated write is flushed to disk (fsync) before the server acknowledges it (\`SYNC_WRITES\`, on by default), and the runs above include that. The same one-client push to a second server with \`SYNC_WRITES=false\`, taking turns with ours (medians of ${result.repeats}): with the flush ${result.durability.synced?.serverCpuMsPer1000} ms CPU / 1000 docs at ${result.durability.synced?.docsPerSecond} docs/s; without ${result.durability.unsynced?.serverCpuMsPer1000} ms at ${result.durability.unsynced?.docsPerSecond} docs/s.`,
    '',
    `With the resolver (one server, \`RUN_RESOLVERS=true\`, the default): one device pushes ${resolver.orders} orders of a stocked product at ${resolver.pushDocsPerSecond} docs/s; from the push until the server is idle again — every order allocated and its decision stored — the server used ${resolver.serverCpuMsPer1000Orders} ms of CPU per 1000 orders.`,
  ].join('\n');
}
