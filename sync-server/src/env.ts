import { resolve } from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

/** Every setting the server reads, validated once at startup. */
export const envSchema = z.object({
  // An empty PORT (`PORT=` in a .env or compose file) means unset, not port 0.
  PORT: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.coerce.number().int().min(0).max(65535).default(8787),
  ),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  /** With a CouchDB URL the server stores there and keeps no state of its own. */
  COUCHDB_URL: z.url().optional(),
  /** Built PWA to serve; defaults to the sibling web package's build. */
  WEB_DIR: z.string().optional(),
  SESSION_IDLE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  TRUST_PROXY: bool.default(false),
  /**
   * Run the shops' stock and conflict resolvers here. With several replicas over one
   * CouchDB, exactly one should (the others set this to false).
   */
  RUN_RESOLVERS: bool.default(true),
  /** Create a demo shop with sample data on the first start. */
  DEMO_SEED: bool.default(true),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});

export type Env = z.infer<typeof envSchema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  // Relative paths are relative to where the user ran the command (pnpm runs
  // package scripts inside the package but records the caller's directory).
  const base = source.INIT_CWD ?? process.cwd();
  return { ...result.data, DATA_DIR: resolve(base, result.data.DATA_DIR) };
}
