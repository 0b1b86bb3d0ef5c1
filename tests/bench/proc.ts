import { readFileSync } from 'node:fs';
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
