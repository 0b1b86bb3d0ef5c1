import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** Resident memory of a process in bytes (VmRSS from /proc/<pid>/status). */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
  return Number(kb ?? 0) * 1024;
}

/**
 * The shops whose LevelDB the process has open, from its file descriptors: an open
 * store holds its directory's LOCK file, an unloaded shop's store is closed.
 */
export function openShops(pid: number): Set<string> {
  const shops = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      const id = /shop_([0-9a-z]{26})\.revs\/LOCK$/.exec(target)?.[1];
      if (id) shops.add(id);
    } catch {
      // closed while we looked
    }
  }
  return shops;
}

/** Samples a process's resident memory every `everyMs` until stopped; keeps the maximum. */
export function rssSampler(pid: number, everyMs = 200) {
  let max = 0;
  let last = 0;
  const take = () => {
    try {
      last = rssBytes(pid);
      max = Math.max(max, last);
    } catch {
      // the process has ended
    }
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    /** the maximum since start or the last reset */
    max: () => max,
    last: () => last,
    reset: () => {
      take();
      max = last;
    },
    stop: () => clearInterval(timer),
  };
}
