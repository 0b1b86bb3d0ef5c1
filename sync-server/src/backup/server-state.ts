import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { levelKv } from '../storage/kv.ts';
import { readAdminFile, type AdminFile } from './admin-access.ts';

/** The system database's directory: the running server holds its LevelDB lock. */
export const SYSTEM_DIR = 'stallkeeper_system';

/** How the CLI reaches the server from this machine, or null when it listens elsewhere only. */
export function loopbackUrl(file: Pick<AdminFile, 'host' | 'port'>): string | null {
  const h = file.host.toLowerCase();
  if (h === '0.0.0.0' || h === '::' || h === '' || /^127\./.test(h)) {
    return `http://127.0.0.1:${file.port}`;
  }
  if (h === '::1') return `http://[::1]:${file.port}`;
  if (h === 'localhost') return `http://localhost:${file.port}`;
  return null;
}

/**
 * Whether another process has the data directory open: LevelDB takes a lock file, and
 * a second open fails with "lock … already held". Opening it briefly changes nothing.
 */
export async function dataDirInUse(dataDir: string): Promise<boolean> {
  const dir = join(dataDir, SYSTEM_DIR);
  if (!existsSync(join(dir, 'CURRENT'))) return false;
  try {
    const kv = await levelKv(dir);
    await kv.close();
    return false;
  } catch (err) {
    if (/lock/i.test(String((err as Error).message))) return true;
    throw err;
  }
}

/** The running server that answers on loopback with this data directory's token file, if any. */
export async function runningServer(
  dataDir: string,
): Promise<{ url: string; token: string; host: string } | null> {
  const file = readAdminFile(dataDir);
  if (!file) return null;
  const url = loopbackUrl(file);
  if (!url) return null;
  const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(3000) }).catch(
    () => null,
  );
  return res?.ok ? { url, token: file.token, host: file.host } : null;
}
