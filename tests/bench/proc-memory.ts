import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

const statusKb = (status: string, field: string) =>
  Number(new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(status)?.[1] ?? 0) * 1024;

/** Resident memory of a process in bytes (VmRSS from /proc/<pid>/status). */
export function rssBytes(pid: number): number {
  return statusKb(readFileSync(`/proc/${pid}/status`, 'utf8'), 'VmRSS');
}

/**
 * Resident memory split: the process's own (anonymous: heaps, native allocations) and
 * mapped files' pages (LevelDB maps the table files it reads: the OS's cache of them,
 * clean, given back under memory pressure).
 */
export function rssParts(pid: number): { rss: number; anon: number; file: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return {
    rss: statusKb(status, 'VmRSS'),
    anon: statusKb(status, 'RssAnon'),
    file: statusKb(status, 'RssFile'),
  };
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
  /** the sample with the most resident memory, split */
  let maxParts = { rss: 0, anon: 0, file: 0 };
  let maxAnon = 0;
  const take = () => {
    try {
      const parts = rssParts(pid);
      last = parts.rss;
      if (last > max) maxParts = parts;
      max = Math.max(max, last);
      maxAnon = Math.max(maxAnon, parts.anon);
    } catch {
      // the process has ended
    }
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    /** the maximum since start or the last reset */
    max: () => max,
    /** the split of the sample that had the most, and the most of the process's own */
    maxParts: () => ({ ...maxParts, maxAnon }),
    last: () => last,
    reset: () => {
      max = 0;
      maxAnon = 0;
      take();
    },
    stop: () => clearInterval(timer),
  };
}
