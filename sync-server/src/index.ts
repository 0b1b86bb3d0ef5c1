import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { AdminAccess } from './backup/admin-access.ts';
import { loadEnv } from './env.ts';
import { createLogger } from './log.ts';
import { demoBanner, ensureDemo } from './seed/demo.ts';
import { demoAccountsRefusal } from './seed/demo-guard.ts';
import { storageFromEnv } from './storage/from-env.ts';

// process.env is read by env.ts alone (its default); `--demo` comes from the command line.
const env = loadEnv(undefined, process.argv.slice(2));
const log = createLogger(env.LOG_LEVEL);
const storage = storageFromEnv(env);
const webDir = env.WEB_DIR ?? fileURLToPath(new URL('../../web/build', import.meta.url));
if (!existsSync(webDir)) log.warn('no built web app found; serving only /api and /db', { webDir });

// `pnpm backup` asks this process for the copy (LevelDB admits one process); not with CouchDB
const admin = env.COUCHDB_URL ? undefined : new AdminAccess(env.DATA_DIR);
const app = createApp({
  storage,
  log,
  sessionIdleDays: env.SESSION_IDLE_DAYS,
  trustProxy: env.TRUST_PROXY,
  trustProxyHops: env.TRUST_PROXY_HOPS,
  webDir,
  resolve: env.RUN_RESOLVERS,
  resolverLeaseSeconds: env.RESOLVER_LEASE_SECONDS,
  replica: { url: env.REPLICA_URL, secret: env.REPLICA_SECRET },
  shops: {
    idleSeconds: env.SHOP_IDLE_SECONDS,
    memoryMb: env.SHOP_MEMORY_MB,
    compactGraceHours: env.COMPACT_GRACE_HOURS,
  },
  apiRateLimit: env.API_RATE_LIMIT,
  publicRateLimit: env.PUBLIC_RATE_LIMIT,
  mail: {
    smtpUrl: env.SMTP_URL,
    from: env.MAIL_FROM,
    publicUrl: env.PUBLIC_URL,
    // without SMTP, messages are kept as .eml files (COUCHDB_URL keeps no local state: logs only)
    dataDir: env.COUCHDB_URL ? undefined : env.DATA_DIR,
  },
  captcha: env.CAPTCHA === 'on',
  admin,
});
if (!env.SMTP_URL) {
  log.warn('email is not configured (SMTP_URL): messages are kept as files', {
    dir: env.COUCHDB_URL ? undefined : `${env.DATA_DIR}/mail`,
  });
}

// Before seeding and before listening: production never serves the published demo logins.
const refusal = await demoAccountsRefusal(env, app.services.users);
if (refusal) {
  process.stderr.write(`${refusal}\n`);
  await storage.close();
  process.exit(1);
}

if (env.DEMO_SEED) {
  const demo = await ensureDemo(app.services);
  if (demo.created) log.info('demo shop created', { shopId: demo.shopId });
}

await app.services.resolvers?.start();
// messages a restart left in the outbox go out now
app.services.mail.outbox.start();
// owners' daily digests: queued once a day each (checked hourly; a missed hour is caught up)
const digests = async () => {
  const queued = await app.services.notices.sendDigests().catch((err: unknown) => {
    log.error('digests failed', { error: (err as Error).message });
    return 0;
  });
  if (queued) log.info('digests queued', { queued });
};
void digests();
setInterval(() => void digests(), 60 * 60_000).unref();

const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
  admin?.publish({ port: info.port, host: env.HOST }, log);
  log.info('listening', {
    port: info.port,
    storage: storage.kind,
    dataDir: env.COUCHDB_URL ? undefined : env.DATA_DIR,
  });
  if (env.DEMO_SEED) process.stdout.write(`${demoBanner(info.port)}\n`);
});

// Phones keep their connections open between syncs. Node closes an idle one after 5 s,
// racing a phone that reuses it (measured: resets under 250 live phones); a minute and
// more, like the proxies in front, makes the server the side that waits longest.
const http = server as { keepAliveTimeout?: number; headersTimeout?: number };
http.keepAliveTimeout = 65_000;
http.headersTimeout = 66_000;

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  admin?.withdraw();
  log.info('shutting down', { signal });
  // Never hang: whatever is still running after 20 s is abandoned.
  setTimeout(() => {
    log.error('shutdown took too long; exiting');
    process.exit(1);
  }, 20_000).unref();
  // Stop taking requests, let in-flight writes finish, then close the stores.
  const forced = setTimeout(() => {
    log.warn('forcing open connections closed');
    (server as { closeAllConnections?: () => void }).closeAllConnections?.();
  }, 5000);
  (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  clearTimeout(forced);
  await app.services.mail.outbox.stop();
  // A shop whose resolver could not save replays from its last save next time; say so.
  const unsaved = (await app.services.resolvers?.stop()) ?? [];
  if (unsaved.length) log.error('resolver state not saved', { shops: unsaved });
  await storage.close();
  log.info('stopped');
  process.exit(unsaved.length ? 1 : 0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
