import { machine } from './record.ts';
import type { ShopsResult } from './shops.ts';

const ok = (v: boolean) => (v ? 'within budget' : '**over budget**');

/** The `shops` section of BENCHMARKS.md. */
export function shopsSection(r: ShopsResult): string {
  const { memory: m, sync: s, cold: c, coldIdle: ci } = r;
  const t = r.seeding;
  const seedS = ((t.templateMs + t.resolverMs + t.systemMs + t.copyMs) / 1000).toFixed(0);
  const perShopMb = Math.round((m.maxDuringSyncMb - m.idleMb) / Math.max(1, m.loadedAfterSync));
  return [
    '## Many shops on one server (issue 19)',
    '',
    `${machine()}, load average ${r.loadAverage.join(' / ')} at the end (other work shared the machine). ${r.shops.toLocaleString('en')} shops of ${r.size.products.toLocaleString('en')} products, ${r.size.customers} customers, their opening stock and ${r.size.orders.toLocaleString('en')} orders each (${r.docsPerShop.toLocaleString('en')} documents with the resolver's allocations; ${r.shopMb} MB a shop, ${r.dataGb} GB in all), on the real server as a child process with its default settings (\`SHOP_IDLE_SECONDS\` 300, \`SHOP_MEMORY_MB\` 384) as its start script runs it (V8's heap limited to 768 MB, \`MALLOC_ARENA_MAX=2\`). Seeded once and cached (\`BENCH_CACHE_DIR\`, default the OS temp dir): one template shop written straight into its LevelDB store, its resolver run to the end in process (decisions and saved state included), its directory copied under each shop's name (nothing in a shop's store names its shop: checked), and each shop, its owner and the owner's phone session made in the system database through the server's own classes (one password hash for all). Seeding took ${seedS} s (template ${((r.seeding.templateMs + r.seeding.resolverMs) / 1000).toFixed(1)} s, copies ${(r.seeding.copyMs / 1000).toFixed(0)} s, system database ${(r.seeding.systemMs / 1000).toFixed(0)} s)${r.seeding.cached ? ' when it was made; this run used the cache' : ''}; the server starts in ${r.serverStartMs} ms. Every run adds ${s.pushedPerPhone} orders to each phone's shop of the cache. \`BENCH_SHOPS\` sets a smaller scale.`,
    '',
    `(a) Phones of ${s.phones} random shops sync as the app's replicator does, ${s.concurrent} at a time: pull from a checkpoint ${s.behind} changes behind (\`_changes\`, \`_bulk_get\`, checkpoint), push ${s.pushedPerPhone} orders made offline with a real PouchDB replicator (\`_revs_diff\`, \`_bulk_docs\` new_edits=false), then follow a longpoll \`_changes\` feed, as the app's live sync does, for ${Math.round(s.holdMs / 1000)} s after the last one synced. (b) Then, feeds still open, the first request (\`GET /db/<shop>\`) to each of ${c.shops} other shops, one at a time, each never loaded since the server started. (c) The server is restarted and (b) is repeated on ${ci.shops} further shops with nothing else loaded. Resident memory is the server's VmRSS from /proc, sampled every 200 ms, and its split: the process's own memory (RssAnon: V8's heap, native allocations) and the pages of LevelDB's table files it has mapped (RssFile: the OS's cache of those files, clean and given back under memory pressure); loaded shops are the shop stores it holds open (their LevelDB LOCK files among its descriptors). Each session's first request (which records its browser) is made before the timings.`,
    '',
    '| measure | result | budget | |',
    '| --- | --- | --- | --- |',
    `| resident memory, most while the ${s.phones} phones synced and stayed live | ${m.maxDuringSyncMb} MB | ${r.budgets.rssMb} MB | ${ok(m.maxDuringSyncMb <= r.budgets.rssMb)} |`,
    `| … of which the process's own (anonymous) / LevelDB's mapped table files | ${m.duringSyncSplitMb.anon} / ${m.duringSyncSplitMb.file} MB | | |`,
    `| the process's own memory, most while the phones synced | ${m.duringSyncSplitMb.maxAnon} MB | ${r.budgets.rssMb} MB | ${ok(m.duringSyncSplitMb.maxAnon <= r.budgets.rssMb)} |`,
    `| … most over the whole run (with (b)'s shops loaded too) | ${m.maxMb} MB (own ${m.maxSplitMb.anon}, files ${m.maxSplitMb.file}) | ${r.budgets.rssMb} MB | ${ok(m.maxMb <= r.budgets.rssMb)} |`,
    `| first request to a cold shop, ${s.phones} live phones connected (p50 / p95 / max of ${c.shops}) | ${c.p50Ms} / ${c.p95Ms} / ${c.maxMs} ms | ${r.budgets.coldP95Ms} ms p95 | ${ok(c.p95Ms <= r.budgets.coldP95Ms)} |`,
    `| first request to a cold shop, server just started (p50 / p95 / max of ${ci.shops}) | ${ci.p50Ms} / ${ci.p95Ms} / ${ci.maxMs} ms | ${r.budgets.coldP95Ms} ms p95 | ${ok(ci.p95Ms <= r.budgets.coldP95Ms)} |`,
    `| a phone's sync, pull of ${s.pulledPerPhone} documents and push of ${s.pushedPerPhone} orders (p50 / p95 of ${s.phones}) | ${s.p50Ms} / ${s.p95Ms} ms | | |`,
    `| all ${s.phones} phones synced, ${s.concurrent} at a time | ${(s.allSyncedMs / 1000).toFixed(1)} s | | |`,
    `| server memory at start / per loaded shop (growth ÷ shops loaded) | ${m.idleMb} MB / ${perShopMb} MB | | |`,
    `| shops loaded after (a) / after (b) | ${m.loadedAfterSync} / ${m.loadedAtEnd} | | |`,
    `| after (c): shops loaded, memory / ${Math.round(ci.sweepWaitMs / 1000)} s later (one pool sweep), no live feeds | ${ci.loaded}, ${ci.rssMb} MB / ${ci.afterSweep.loaded}, ${ci.afterSweep.rssMb} MB | | |`,
    '',
    `Resolver catch-up: a cold shop's resolver resumes from its saved parts, it does not replay. The template opened again in process: index ${c.resume.indexMs} ms, resolver from its saved state to idle ${c.resume.resolverMs} ms (saved at sequence ${c.resume.savedSeq} of ${c.resume.updateSeq}), against ${c.templateResolverMs} ms for the resolver's first run over the ${r.size.orders.toLocaleString('en')} orders. On the server, (b) cost ${c.serverCpuMsPerShop} ms of CPU per cold shop, index load, resolver start and all; the phones' ${s.liveDocs} live documents are the resolver's allocations of their ${s.phones * s.pushedPerPhone} orders.`,
  ].join('\n');
}
