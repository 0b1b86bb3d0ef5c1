import { readdirSync, readFileSync } from 'node:fs';
import { rssBytes } from './proc-memory.ts';
import { execSync } from 'node:child_process';

const TICKS = Number(execSync('getconf CLK_TCK').toString().trim()) || 100;

/** User + system CPU time of a process, in milliseconds, from /proc/<pid>/stat. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may contain spaces; fields after the closing paren are fixed.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / TICKS;
}

/** CPU time of a process and all its descendants (a browser and its renderers), in ms. */
export function treeCpuMs(pid: number): number {
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop() ?? 0;
    try {
      total += cpuMs(p);
      for (const tid of readdirSync(`/proc/${p}/task`)) {
        const kids = readFileSync(`/proc/${p}/task/${tid}/children`, 'utf8').trim();
        if (kids) stack.push(...kids.split(' ').map(Number));
      }
    } catch {
      // the process ended while we looked
    }
  }
  return total;
}

/** Resident memory of a process, in MB (0 once it has ended). */
export function rssMb(pid: number): number {
  try {
    return Math.round(rssBytes(pid) / (1024 * 1024));
  } catch {
    return 0;
  }
}
