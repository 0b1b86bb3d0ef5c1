import type { Env } from '../env.ts';
import { couchDbStorage, levelDbStorage } from './backends.ts';
import type { Storage } from './storage.ts';

export function storageFromEnv(
  env: Pick<Env, 'COUCHDB_URL' | 'DATA_DIR' | 'SYNC_WRITES'>,
): Storage {
  return env.COUCHDB_URL
    ? couchDbStorage(env.COUCHDB_URL)
    : levelDbStorage(env.DATA_DIR, { syncWrites: env.SYNC_WRITES });
}
