import { resolve } from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

/** Where the user ran the command: pnpm runs package scripts inside the package but records it. */
export function callerDir(source: NodeJS.ProcessEnv = process.env): string {
  return source.INIT_CWD ?? process.cwd();
}

/** Every setting the server reads, validated once at startup. */
export const envSchema = z.object({
  // An empty PORT (`PORT=` in a .env or compose file) means unset, not port 0.
  PORT: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.coerce.number().int().min(0).max(65535).default(8787),
  ),
  /**
   * `production` turns on the production guards (no demo accounts unless allowed).
   * The Dockerfile sets it; the README's local `start` does not.
   */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Loopback by default; a deployment (or a phone on the LAN) sets 0.0.0.0. */
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  /**
   * Flush each replicated write to disk (fsync) before acknowledging it, so a power
   * cut cannot lose a sale a device was told is stored. Off only for measurements.
   */
  SYNC_WRITES: bool.default(true),
  /** With a CouchDB URL the server stores there and keeps no state of its own. */
  COUCHDB_URL: z.url().optional(),
  /** Built PWA to serve; defaults to the sibling web package's build. */
  WEB_DIR: z.string().optional(),
  SESSION_IDLE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  TRUST_PROXY: bool.default(false),
  /**
   * How many reverse proxies in front of the server append to X-Forwarded-For. The
   * client's address is the entry that many places from the right: anything further
   * left was written by the client itself.
   */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(1).max(10).default(1),
  /**
   * Run the shops' stock and conflict resolvers here. With several replicas over one
   * CouchDB every replica may: a lease per shop lets exactly one of them resolve it.
   */
  RUN_RESOLVERS: bool.default(true),
  /**
   * With COUCHDB_URL: how long a replica's hold on a shop's resolver lasts unless renewed
   * (renewed every third of it). A dead replica's shops move to another after at most this.
   */
  RESOLVER_LEASE_SECONDS: z.coerce.number().int().min(2).max(3600).default(30),
  /**
   * With several replicas on one CouchDB: the address the other replicas reach this one
   * at (e.g. `http://app-1:8787`). A shop-page checkout that arrives at a replica not
   * resolving its shop is passed on to the one that does. Needs REPLICA_SECRET.
   */
  REPLICA_URL: z
    .url()
    .refine((u) => /^https?:\/\//.test(u), 'must be an http(s) address')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Shared by the replicas (at least 32 characters): how they know each other's requests. */
  REPLICA_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /**
   * Create the demo shop (published passwords) on the first start. Off unless asked:
   * the README's local `start` passes `--demo`.
   */
  DEMO_SEED: bool.default(false),
  /** In production the server refuses to start with the demo accounts present unless this is set. */
  ALLOW_DEMO_ACCOUNTS: bool.default(false),
  /** A shop nobody used for this long leaves the server's memory (its data stays on disk). */
  SHOP_IDLE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  /**
   * Estimated memory the loaded shops may take: three quarters for their indexes (above
   * it the least recently used shops leave first), a quarter for their resolvers' engines
   * (above it the least recently used engines are saved and leave).
   */
  SHOP_MEMORY_MB: z.coerce.number().int().min(16).max(1_000_000).default(384),
  /** Old revisions' bodies and unused photos are dropped this long after they were replaced. */
  COMPACT_GRACE_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 365)
    .default(24),
  /** REST API requests per minute per token (or per signed-in user) */
  API_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(600),
  /** requests per minute one client address may make to the shop pages' public routes */
  PUBLIC_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(120),
  /**
   * Where email goes: `smtp://user:pass@host:587` or `smtps://…:465`. Without it every
   * message is kept as an `.eml` file under `DATA_DIR/mail/` (and its path logged).
   */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'must be smtp://… or smtps://…')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** The sender of every message: `Stallkeeper <no-reply@example.com>` or an address. */
  MAIL_FROM: z.string().min(3).max(200).default('Stallkeeper <no-reply@localhost>'),
  /** The origin links in emails point to (password reset, verification, invites). */
  PUBLIC_URL: z
    .url()
    .refine((u) => /^https?:\/\//.test(u), 'must be an http(s) origin')
    .optional(),
  /** The proof-of-work captcha on registration, reset requests and repeated logins. */
  CAPTCHA: z.enum(['on', 'off']).default('on'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});

/** The settings, with PUBLIC_URL worked out (`http://localhost:<PORT>` unless given). */
export type Env = Omit<z.infer<typeof envSchema>, 'PUBLIC_URL'> & { PUBLIC_URL: string };

/**
 * The validated configuration. `argv` may carry `--demo` (the README's local start),
 * the same as `DEMO_SEED=true`.
 */
export function loadEnv(
  source: NodeJS.ProcessEnv = process.env,
  argv: readonly string[] = [],
): Env {
  const given = argv.includes('--demo') ? { ...source, DEMO_SEED: 'true' } : source;
  const result = envSchema.safeParse(given);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  // Relative paths are relative to where the user ran the command (pnpm runs
  // package scripts inside the package but records the caller's directory).
  const data = result.data;
  if (data.REPLICA_URL && !data.REPLICA_SECRET) {
    throw new Error('Invalid configuration:\n  REPLICA_SECRET: is needed with REPLICA_URL');
  }
  return {
    ...data,
    DATA_DIR: resolve(callerDir(source), data.DATA_DIR),
    PUBLIC_URL: (data.PUBLIC_URL ?? `http://localhost:${data.PORT}`).replace(/\/+$/, ''),
  };
}
