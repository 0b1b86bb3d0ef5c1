import type { Role } from '@stallkeeper/shared';
import type { Users } from '../auth/users.ts';
import type { SessionManager } from '../auth/sessions.ts';
import type { FailureLimiter } from '../auth/rate-limit.ts';
import type { Shops } from '../shops/shops.ts';
import type { Invites } from '../shops/invites.ts';
import type { Storage } from '../storage/storage.ts';
import type { Logger } from '../log.ts';

export interface Services {
  storage: Storage;
  users: Users;
  shops: Shops;
  invites: Invites;
  sessions: SessionManager;
  loginByAccount: FailureLimiter;
  loginByAddress: FailureLimiter;
  log: Logger;
  trustProxy: boolean;
  serverUuid: () => Promise<string>;
}

export interface AppEnv {
  Variables: {
    services: Services;
    userId: string;
    sessionId: string;
    shopId: string;
    role: Role;
  };
}
