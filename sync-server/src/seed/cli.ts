import { createServices } from '../app.ts';
import { loadEnv } from '../env.ts';
import { createLogger } from '../log.ts';
import { storageFromEnv } from '../storage/from-env.ts';
import { demoBanner, ensureDemo } from './demo.ts';

/** `pnpm seed`: re-creates the demo shop's data. Stop the server first (LevelDB is single-process). */
const env = loadEnv(process.env, process.argv.slice(2));
const storage = storageFromEnv(env);
try {
  const services = createServices({ storage, log: createLogger(env.LOG_LEVEL) });
  const { shopId } = await ensureDemo(services, { reset: true });
  process.stdout.write(`Demo shop ${shopId} re-created in ${env.COUCHDB_URL ?? env.DATA_DIR}\n`);
  process.stdout.write(`${demoBanner(env.PORT)}\n`);
} catch (err) {
  const msg = err instanceof Error ? err.message : String(err);
  if (/lock/i.test(msg)) {
    process.stderr.write(
      'The data directory is in use. Stop the running server, then run `pnpm seed` again.\n',
    );
  } else {
    process.stderr.write(`Seeding failed: ${msg}\n`);
  }
  process.exitCode = 1;
} finally {
  await storage.close();
}
