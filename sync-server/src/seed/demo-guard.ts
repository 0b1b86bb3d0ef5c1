import type { Users } from '../auth/users.ts';
import type { Env } from '../env.ts';
import { DEMO_ACCOUNTS } from './demo.ts';

export type DemoGuardEnv = Pick<Env, 'NODE_ENV' | 'DEMO_SEED' | 'ALLOW_DEMO_ACCOUNTS'>;

/**
 * Why the server must not start, as one line, or null when it may. The demo accounts'
 * passwords are published in the README, so in production they may neither be created
 * nor be left in the data, unless ALLOW_DEMO_ACCOUNTS says the operator means it.
 */
export async function demoAccountsRefusal(
  env: DemoGuardEnv,
  users: Pick<Users, 'byEmail'>,
): Promise<string | null> {
  if (env.NODE_ENV !== 'production' || env.ALLOW_DEMO_ACCOUNTS) return null;
  if (env.DEMO_SEED) {
    return (
      'Refusing to start: NODE_ENV=production with DEMO_SEED (or --demo) would create the demo ' +
      'accounts, whose passwords are public. Turn DEMO_SEED off, or set ALLOW_DEMO_ACCOUNTS=true.'
    );
  }
  const found: string[] = [];
  for (const account of DEMO_ACCOUNTS) {
    if (await users.byEmail(account.email)) found.push(account.email);
  }
  if (found.length === 0) return null;
  return (
    `Refusing to start: NODE_ENV=production and the demo accounts (${found.join(', ')}) ` +
    'exist, with passwords published in the README. Delete them with `pnpm seed --remove` ' +
    '(see docs/deploy.md), or set ALLOW_DEMO_ACCOUNTS=true.'
  );
}
