import { randomBytes } from 'node:crypto';
import { sameSecret } from '../auth/same-secret.ts';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../log.ts';

/**
 * Who may ask the running server for a backup: whoever can read the data directory.
 * At start the server writes a random token to `DATA_DIR/admin-token.json` (mode 0600,
 * with the port it listens on); `pnpm backup` reads it and sends it in a header. The
 * route also wants a loopback peer and no proxy's headers, so a reverse proxy on the
 * same machine cannot carry an outside request to it.
 */
export const ADMIN_FILE = 'admin-token.json';

const adminFileSchema = z.object({
  token: z.string().regex(/^[0-9a-f]{64}$/),
  port: z.number().int().min(1).max(65535),
  host: z.string(),
  pid: z.number().int(),
});
export type AdminFile = z.infer<typeof adminFileSchema>;

export class AdminAccess {
  #token: string | null = null;

  constructor(private readonly dataDir: string) {}

  /**
   * Make a new token and write the file (after listening: the file names the port).
   * A failure costs only the backup route (`pnpm backup` says the server cannot be asked).
   */
  publish(where: { port: number; host: string }, log?: Logger): void {
    const token = randomBytes(32).toString('hex');
    const file: AdminFile = { token, port: where.port, host: where.host, pid: process.pid };
    const path = join(this.dataDir, ADMIN_FILE);
    const tmp = `${path}.${process.pid}.tmp`;
    try {
      rmSync(tmp, { force: true });
      // created 0600 (`wx`: never through a file someone else made), then moved over
      writeFileSync(tmp, JSON.stringify(file), { mode: 0o600, flag: 'wx' });
      renameSync(tmp, path);
      this.#token = token;
    } catch (err) {
      log?.warn('could not write the backup token; pnpm backup cannot ask this server', {
        path,
        err: String(err),
      });
    }
  }

  /** Forget the token and remove the file (at shutdown). */
  withdraw(): void {
    if (this.#token === null) return;
    this.#token = null;
    const path = join(this.dataDir, ADMIN_FILE);
    // only our own file: a second server on the same directory would have failed to start
    if (readAdminFile(this.dataDir)?.pid === process.pid) rmSync(path, { force: true });
  }

  /** Constant-time: the comparison takes as long whatever the guess. */
  accepts(given: string | undefined): boolean {
    if (this.#token === null || given === undefined) return false;
    return sameSecret(given, this.#token);
  }
}

/** The running server's admin file, or null when there is none (or it is not readable). */
export function readAdminFile(dataDir: string): AdminFile | null {
  const path = join(dataDir, ADMIN_FILE);
  if (!existsSync(path)) return null;
  try {
    const parsed = adminFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A peer on this machine's loopback interface (IPv4, IPv6, or IPv4-mapped IPv6). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.replace(/^::ffff:/i, '');
  return a === '::1' || /^127(?:\.\d{1,3}){3}$/.test(a);
}

/** Headers a proxy adds: their presence means the request came from somewhere else. */
export const PROXY_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip', 'via'] as const;
