import { createServices } from '../app.ts';
import { loadEnv } from '../env.ts';
import { createLogger } from '../log.ts';
import { storageFromEnv } from '../storage/from-env.ts';
import { demoBanner, ensureDemo, removeDemo } from './demo.ts';

/**
 * `pnpm seed`: re-creates the demo shop's data; `pnpm seed --remove` deletes the demo
 * shop and accounts. Stop the server first (LevelDB is single-process).
 */
const argv = process.argv.slice(2);
const env = loadEnv(undefined, argv); // env.ts reads process.env
const remove = argv.includes('--remove');
const where = env.COUCHDB_URL ?? env.DATA_DIR;

if (!remove && env.NODE_ENV === 'production' && !env.ALLOW_DEMO_ACCOUNTS) {
  // The same rule as the server's: it would refuse to start with these accounts.
  process.stderr.write(
    'Refusing to create the demo accounts (public passwords) with NODE_ENV=production; ' +
      'set ALLOW_DEMO_ACCOUNTS=true if you mean it.\n',
  );
  process.exit(1);
}

const storage = storageFromEnv(env);
try {
  const services = createServices({ storage, log: createLogger(env.LOG_LEVEL), resolve: false });
  if (remove) {
    const { shopId, emails } = await removeDemo(services);
    const what = [
      ...(shopId ? [`the demo shop ${shopId}`] : []),
      ...(emails.length ? [`the accounts ${emails.join(', ')}`] : []),
    ];
    process.stdout.write(
      what.length ? `Removed ${what.join(' and ')} from ${where}\n` : `No demo data in ${where}\n`,
    );
  } else {
    const { shopId } = await ensureDemo(services, { reset: true });
    process.stdout.write(`Demo shop ${shopId} re-created in ${where}\n`);
    process.stdout.write(`${demoBanner(env.PORT)}\n`);
  }
} catch (err) {
  const msg = err instanceof Error ? err.message : String(err);
  if (/lock/i.test(msg)) {
    process.stderr.write(
      'The data directory is in use. Stop the running server, then run `pnpm seed` again.\n',
    );
  } else {
    process.stderr.write(`${remove ? 'Removing the demo' : 'Seeding'} failed: ${msg}\n`);
  }
  process.exitCode = 1;
} finally {
  await storage.close();
}
