// A CPU profile's heaviest functions, for REPORT_PROFILE=1 runs of the browser benchmark.

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

/** The functions a CPU profile spent most time in (self time), to stderr. */
export function printProfile(
  profile: { nodes: ProfileNode[]; startTime: number; endTime: number; samples?: number[] },
  shownMs: number,
): void {
  const total = profile.nodes.reduce((a, n) => a + (n.hitCount ?? 0), 0);
  const ms = (profile.endTime - profile.startTime) / 1000;
  const self = new Map<string, number>();
  for (const n of profile.nodes) {
    const f = n.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (n.hitCount ?? 0));
  }
  process.stderr.write(
    `  report profile: shown after ${Math.round(shownMs)} ms, ${Math.round(ms)} ms profiled\n`,
  );
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) {
    process.stderr.write(`    ${((v / total) * ms).toFixed(0).padStart(6)} ms  ${k}\n`);
  }
}
