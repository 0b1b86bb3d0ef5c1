import type { ReplicaLink } from '../storefront/replica-link.ts';
import type { Role, TokenScope } from '@stallkeeper/shared';
import type { ApiTokens } from '../auth/api-tokens.ts';
import type { Users } from '../auth/users.ts';
import type { SessionManager } from '../auth/sessions.ts';
import type { Throttles } from '../auth/throttles.ts';
import type { Shops } from '../shops/shops.ts';
import type { Invites } from '../shops/invites.ts';
import type { Storage } from '../storage/storage.ts';
import type { Logger } from '../log.ts';
import type { ResolverManager } from '../resolver/manager.ts';
import type { RateWindows } from './api-rate-limit.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { Captcha } from '../captcha/captcha.ts';
import type { EmailTokens } from '../auth/email-tokens.ts';
import type { OwnerNotices } from '../mail/owner-notices.ts';
import type { StorefrontDesk } from '../storefront/desk.ts';

export interface Services {
  storage: Storage;
  users: Users;
  shops: Shops;
  invites: Invites;
  sessions: SessionManager;
  /** API tokens for programs (the REST API) */
  tokens: ApiTokens;
  /** REST API requests per caller (RateLimit-* headers) */
  apiRate: RateWindows;
  /** login, registration and current-password throttles, and the known-device proof */
  throttles: Throttles;
  log: Logger;
  trustProxy: boolean;
  /** proxies in front that append to X-Forwarded-For (TRUST_PROXY_HOPS) */
  trustProxyHops: number;
  serverUuid: () => Promise<string>;
  /** the outbox and how email links are made */
  mail: Mailer;
  /** the proof-of-work captcha (off: every check passes) */
  captcha: Captcha;
  /** owners' digests and oversell emails (opt-in) */
  notices: OwnerNotices;
  /** single-use password reset and verification tokens */
  emailTokens: EmailTokens;
  /** the shop page: settings, public catalogue, customers' order keys, card payments */
  storefront: StorefrontDesk;
  /** public (`/api/public`) requests per client address */
  publicRate: RateWindows;
  /** checkouts passed between server replicas (REPLICA_SECRET) */
  replicaLink: ReplicaLink;
  /** per-shop resolvers; absent when the app runs without them (some tests) */
  resolvers: ResolverManager | null;
}

export interface AppEnv {
  Variables: {
    services: Services;
    userId: string;
    sessionId: string;
    /** the device the session writes as; null until the app has said */
    deviceId: string | null;
    shopId: string;
    role: Role;
    /** the API token the request came with; null for a session */
    token: { id: string; shopId: string; scope: TokenScope } | null;
  };
}
