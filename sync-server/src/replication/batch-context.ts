import type { Context } from 'hono';
import { namesOf } from '../auth/users.ts';
import type { AppEnv } from '../http/types.ts';
import type { BatchContext } from './store.ts';

/** The session a replication write arrives with, as `writeBatch` checks it. */
export function batchContext(c: Context<AppEnv>): BatchContext {
  const userId = c.get('userId');
  return {
    role: c.get('role'),
    userId,
    deviceId: c.get('deviceId'),
    names: async () => {
      const user = await c.get('services').users.byId(userId);
      return user ? namesOf(user) : [];
    },
  };
}
