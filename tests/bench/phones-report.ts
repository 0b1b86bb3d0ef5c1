import type { phonesBenchmark, PhonesRun } from './phones.ts';

type PhonesResult = Awaited<ReturnType<typeof phonesBenchmark>>;

const yes = (v: boolean) => (v ? 'yes' : '**no**');

function row(r: PhonesRun): string {
  const lost = r.notPushed + r.undelivered;
  const met = [
    `allocation ${yes(r.meets.alloc)}`,
    `push ${yes(r.meets.push)}`,
    `RSS ${yes(r.meets.rss)}`,
  ].join(', ');
  return `| ${r.devices} | ${r.shops} | ${r.seconds} | ${r.sales} (${r.salesPerSecond}/s) | ${r.allocP50Ms} / ${r.allocP99Ms} (${r.allocMaxMs}) | ${r.saleToAllP99Ms} | ${r.pushP50Ms} / ${r.pushP99Ms} | ${lost} | ${r.maxRssMb} | ${r.serverCpuPct} % (${r.serverIdleCpuPct} %) | ${r.clientCpuPct.map((c) => `${c} %`).join(' + ')} | ${r.requestsPerSale} | ${r.loadBefore} | ${met} |`;
}

function failuresLine(runs: PhonesRun[]): string {
  const parts = runs
    .filter((r) => Object.keys(r.failures).length)
    .map(
      (r) =>
        `${r.devices} phones: ${Object.entries(r.failures)
          .map(([k, n]) => `${n} × ${k}`)
          .join(', ')}`,
    );
  return parts.length
    ? `Failed requests (status 0: no answer; PouchDB retries them): ${parts.join('; ')}.`
    : 'No request failed (a replicator’s first checkpoint read, a 404 by design, aside).';
}

/** The `phones` section of BENCHMARKS.md. */
export function phonesMarkdown(r: PhonesResult, machine: string): string {
  const tried = r.runs.map((x) => x.devices);
  const top = Math.max(...tried);
  const verdict =
    r.largestMeetingAll === null
      ? `none of ${tried.join(', ')}`
      : `**${r.largestMeetingAll}**${r.largestMeetingAll === top ? ' (the largest count tried; more were not tried)' : ` (of ${tried.join(', ')} tried)`}`;
  const b = r.budgets;
  return [
    '## Many live phones (issue 19)',
    '',
    `${machine}. \`pnpm bench phones\` (opt-in; \`BENCH_PHONES=50,100,250,500\` device counts, \`BENCH_PHONE_SECONDS=300\` for the largest, \`BENCH_PHONE_STEP_SECONDS=120\` for the others by default; \`BENCH_PHONE_SHOPS\`, \`BENCH_PHONE_CLIENTS\` for quick checks).`,
    '',
    `Each count runs on a fresh server: the real one as a child process on a new LevelDB data directory, resolver on and every write flushed (the defaults), \`TRUST_PROXY=true\` only so that each shop can register from its own address (X-Forwarded-For; the server lets one address register 10 accounts an hour). The phones are spread over ${r.shops} shops (over half as many shops as phones when there are fewer than twice as many, so that every sale has another phone to reach). Each shop has an owner who stocked its one product (1,000,000 pieces, so every allocation takes from stock) and one seller signed in on each of its phones: a session per phone, bound to the phone's device id (the server keeps up to 100 sessions a user). Each phone is a real PouchDB 9 replicator on the memory adapter in the app's live two-way sync (\`sync(remote, {live, retry})\`, push batches of 100, pull of 500) over an HTTP keep-alive agent, with ${r.roundTripMs} ms added before every request (longpolls included). The phones run in ${r.clients} forked Node processes, shops split between them and every phone of a shop in the same process, so a sale and its arrivals are timed on one clock. Every phone sells one piece on its own Poisson schedule (exponential gaps, mean ${r.meanGapMs / 1000} s).`,
    '',
    `Measured per sale: **push** — each \`_bulk_docs\` round trip that carried sales, from the replicator asking until the answer's headers, the ${r.roundTripMs} ms included; **allocation** — from that answer until \`allocation:<orderId>\` is in the replica of every other phone of the shop (each phone's local changes feed), p50 / p99 (max); beside it the same from the sale's local write, which adds the replicator noticing it and the push. After the selling stops the last sales get ${r.drainSeconds} s to arrive; a sale not pushed or not everywhere by then is *lost*, and more than 1 % lost fails the allocation budget. **RSS**: the server's VmRSS, sampled every second, the largest. **CPU**: user + system time from /proc over the selling, in % of one core (the machine has two, 200 % is all of it); in brackets the server over ${r.idleSeconds} s with every phone connected and nobody selling. The client processes' CPU is there to judge whether they were the bottleneck. *Load* is the 1-minute load average when the step began: the machine is shared, and others' work shows in the times.`,
    '',
    '| phones | shops | seconds | sales | allocation to the other phones p50 / p99 (max), ms | sale to the other phones p99, ms | push p50 / p99, ms | lost | server max RSS, MB | server CPU (idle) | client processes CPU | requests / sale | load | budgets met |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...r.runs.map(row),
    '',
    `Budgets: allocation p99 ≤ ${b.allocP99Ms} ms, push p99 ≤ ${b.pushP99Ms} ms, server RSS ≤ ${b.rssMb} MB. Largest device count meeting all: ${verdict}.`,
    '',
    failuresLine(r.runs),
  ].join('\n');
}
