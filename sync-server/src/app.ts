import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { bodyLimit } from './http/body-limit.ts';
import { RateWindows } from './http/api-rate-limit.ts';
import { createThrottles } from './auth/throttles.ts';
import { accountRoutes } from './account/routes.ts';
import { deviceRoutes } from './auth/device-routes.ts';
import { authRoutes } from './auth/routes.ts';
import { Invites } from './shops/invites.ts';
import { inviteRoutes, shopRoutes } from './shops/routes.ts';
import { memberSessionRoutes } from './shops/member-sessions.ts';
import { SessionManager } from './auth/sessions.ts';
import { ApiTokens } from './auth/api-tokens.ts';
import { tokenRoutes } from './rest/token-routes.ts';
import { documentOf, v1Routes } from './rest/v1-routes.ts';
import { docsPage } from './rest/docs-page.ts';
import { Users } from './auth/users.ts';
import { notFound } from './errors.ts';
import { handleError } from './http/error-handler.ts';
import { sameOrigin, securityHeaders } from './http/security.ts';
import { serveWeb } from './http/static.ts';
import type { AppEnv, Services } from './http/types.ts';
import { createLogger, type Logger } from './log.ts';
import { replicationRoutes } from './replication/routes.ts';
import { ResolverManager } from './resolver/manager.ts';
import { Shops } from './shops/shops.ts';
import type { Storage } from './storage/storage.ts';
import { getOrNull } from './system-db.ts';
import { ulid } from '@stallkeeper/shared';
import { Mailer, type MailOptions } from './mail/mailer.ts';
import { ShopMailDesk } from './mail/shop-mail.ts';
import { OwnerNotices } from './mail/owner-notices.ts';
import { noticeRoutes } from './mail/notice-routes.ts';
import { ReplicaLink } from './storefront/replica-link.ts';
import { StorefrontDesk } from './storefront/desk.ts';
import { publicRoutes } from './storefront/public-routes.ts';
import { onHandOf } from './rest/stock-ledger.ts';
import { Captcha } from './captcha/captcha.ts';
import { EmailTokens } from './auth/email-tokens.ts';
import { captchaRoutes, recoveryRoutes, resetComposer } from './auth/recovery-routes.ts';
import type { AdminAccess } from './backup/admin-access.ts';
import { adminRoutes } from './backup/routes.ts';

export interface AppOptions {
  storage: Storage;
  log?: Logger;
  sessionIdleDays?: number;
  trustProxy?: boolean;
  /** proxies in front that append to X-Forwarded-For (default 1) */
  trustProxyHops?: number;
  /** Directory of the built PWA; omit to serve only /api and /db. */
  webDir?: string;
  /** run the per-shop stock/conflict resolvers (default true; call services.resolvers.start()) */
  resolve?: boolean;
  /** REST API requests per minute per token or user (default 600) */
  apiRateLimit?: number;
  /** public shop-page requests per client address per minute (PUBLIC_RATE_LIMIT) */
  publicRateLimit?: number;
  /** email (SMTP_URL, MAIL_FROM, PUBLIC_URL); without it messages are kept in memory */
  mail?: MailOptions;
  /** the proof-of-work captcha on registration, reset requests and repeated logins (default off) */
  captcha?: boolean;
  /** the backup route's token (index.ts publishes it once listening); without it the route is a 404 */
  admin?: AdminAccess | undefined;
  /**
   * When loaded shops leave memory and old revisions are compacted (SHOP_IDLE_SECONDS,
   * SHOP_MEMORY_MB, COMPACT_GRACE_HOURS; defaults 300 s, 384 MB, 24 h)
   */
  shops?: { idleSeconds?: number; memoryMb?: number; compactGraceHours?: number };
  /** with CouchDB: how long a replica's lease on a shop's resolver lasts (RESOLVER_LEASE_SECONDS) */
  resolverLeaseSeconds?: number;
  /**
   * With several replicas: where the others reach this one, and the secret they share
   * (REPLICA_URL, REPLICA_SECRET), so a checkout reaches the replica resolving its shop
   */
  replica?: { url?: string | undefined; secret?: string | undefined };
}

function asError(err: unknown): Error {
  if (err instanceof Error) return err;
  const e = (typeof err === 'object' && err !== null ? err : {}) as Record<string, unknown>;
  const message =
    typeof e.message === 'string'
      ? e.message
      : typeof e.reason === 'string'
        ? e.reason
        : String(err);
  return Object.assign(new Error(message), {
    status: typeof e.status === 'number' ? e.status : 500,
    name: typeof e.name === 'string' ? e.name : 'Error',
  });
}

/** A stable id for this server's data, so device checkpoints survive restarts. */
function serverUuid(system: PouchDB.Database): () => Promise<string> {
  let cached: Promise<string> | null = null;
  return () => {
    cached ??= (async () => {
      const existing = await getOrNull<{ uuid: string }>(system, 'server:uuid');
      if (existing) return existing.uuid;
      const uuid = ulid().toLowerCase();
      await system.put({ _id: 'server:uuid', uuid }).catch(() => undefined);
      return (await getOrNull<{ uuid: string }>(system, 'server:uuid'))?.uuid ?? uuid;
    })();
    return cached;
  };
}

/**
 * Sessions and memberships are read on every request. When only this process writes
 * the system database they are memoised briefly (every write clears the memo); with
 * CouchDB other replicas write too, so each request reads.
 */
const AUTH_CACHE_MS = 30_000;

export function createServices(opts: AppOptions): Services {
  const system = opts.storage.system();
  const users = new Users(system);
  const cacheMs = opts.storage.kind === 'couchdb' ? 0 : AUTH_CACHE_MS;
  const log = opts.log ?? createLogger('silent');
  const shops = new Shops(system, cacheMs);
  const mail = new Mailer(system, log, {
    ...opts.mail,
    outbox: { exclusive: opts.storage.kind !== 'couchdb', ...opts.mail?.outbox },
  });
  // stock on hand for the digests: from the resolvers, which are made last
  const onHand = (shopId: string) => onHandOf(services, shopId);
  const notices = new OwnerNotices(system, opts.storage, shops, users, mail, onHand, log);
  const desk = new ShopMailDesk(opts.storage, mail.outbox, users, log);
  const services: Services = {
    storage: opts.storage,
    users,
    shops,
    invites: new Invites(system),
    sessions: new SessionManager(system, users, opts.sessionIdleDays ?? 30, cacheMs),
    tokens: new ApiTokens(system),
    throttles: createThrottles(),
    apiRate: new RateWindows({ limit: opts.apiRateLimit ?? 600, windowMs: 60_000 }),
    publicRate: new RateWindows({ limit: opts.publicRateLimit ?? 120, windowMs: 60_000 }),
    replicaLink: new ReplicaLink(opts.replica?.secret),
    storefront: new StorefrontDesk(system, opts.storage, mail, () => services.resolvers),
    log,
    trustProxy: opts.trustProxy ?? false,
    trustProxyHops: opts.trustProxyHops ?? 1,
    serverUuid: serverUuid(system),
    mail,
    captcha: new Captcha(opts.captcha ?? false, system),
    emailTokens: new EmailTokens(system),
    notices,
    resolvers:
      opts.resolve === false
        ? null
        : new ResolverManager(
            opts.storage,
            log,
            {
              mailRequested: (shopId, doc) => desk.requested(shopId, doc),
              alertRaised: (shopId, alert) => notices.alertRaised(shopId, alert),
            },
            {
              leaseSeconds: opts.resolverLeaseSeconds,
              engineBudgetBytes: shopMemoryBytes(opts) / 4,
              ...(opts.replica?.url ? { replicaUrl: opts.replica.url } : {}),
            },
          ),
  };
  mail.outbox.compose('reset', resetComposer(services));
  manageShops(opts, services.resolvers, log);
  return services;
}

/** SHOP_MEMORY_MB: three quarters for loaded shops' indexes, a quarter for their resolvers' engines. */
const shopMemoryBytes = (opts: AppOptions) => (opts.shops?.memoryMb ?? 384) * 1024 * 1024;

/** Loaded shops start their resolver and stop it (saved) before they leave memory. */
function manageShops(opts: AppOptions, resolvers: ResolverManager | null, log: Logger): void {
  opts.storage.manage?.({
    idleMs: (opts.shops?.idleSeconds ?? 300) * 1000,
    budgetBytes: (shopMemoryBytes(opts) * 3) / 4,
    opened: (shopId) =>
      void resolvers?.ensure(shopId).catch((err: unknown) => {
        log.error('resolver did not start', { shopId, err: String(err) });
      }),
    busy: (shopId) => resolvers?.busy(shopId) ?? false,
    closing: async (shopId) => {
      log.info('shop leaves memory', { shopId });
      await resolvers?.forget(shopId);
    },
    compactGraceMs: (opts.shops?.compactGraceHours ?? 24) * 3_600_000,
    failed: (shopId, err) => log.warn('compaction failed', { shopId, err: String(err) }),
  });
}

/** Builds the Hono app. Never listens: index.ts serves it, tests call app.request(). */
export function createApp(opts: AppOptions | Services) {
  const services = 'users' in opts ? opts : createServices(opts);
  const app = new Hono<AppEnv>({ strict: false });
  app.onError(handleError);
  app.use('*', async (c, next) => {
    c.set('services', services);
    try {
      await next();
    } catch (err) {
      // PouchDB's http adapter throws plain objects; Hono hands only Errors to onError.
      throw asError(err);
    }
  });
  app.use('*', securityHeaders);
  app.use('/api/*', sameOrigin, bodyLimit(64 * 1024));
  app.use('/db/*', sameOrigin, bodyLimit(32 * 1024 * 1024));

  app.get('/api/health', (c) => c.json({ ok: true }));
  app.route('/api/auth/device', deviceRoutes());
  app.route('/api/auth', recoveryRoutes());
  app.route('/api/auth', authRoutes());
  app.route('/api/captcha', captchaRoutes());
  app.route('/api/account', accountRoutes());
  app.route('/api/shops', memberSessionRoutes());
  app.route('/api/shops', noticeRoutes());
  app.route('/api/shops', shopRoutes());
  app.route('/api/invites', inviteRoutes());
  // customers' phones on slow networks: the product list shrinks to a fifth gzipped
  app.use('/api/public/*', compress({ threshold: 1024 }));
  app.route('/api/public', publicRoutes());
  app.route('/api/tokens', tokenRoutes());
  const v1 = v1Routes(services);
  app.route('/api/v1', v1);
  let docs: string | null = null;
  app.get('/api/docs', (c) => c.html((docs ??= docsPage(documentOf(v1)))));
  app.route('/api/admin', adminRoutes('users' in opts ? undefined : opts.admin));
  app.route('/db', replicationRoutes());
  app.all('/api/*', () => {
    throw notFound('No such endpoint.');
  });

  if ('webDir' in opts && opts.webDir) app.use('*', serveWeb(opts.webDir));
  app.notFound((c) => c.json({ error: 'not_found', reason: 'Not found.' }, 404));
  return Object.assign(app, { services });
}

export type App = ReturnType<typeof createApp>;
