/** Helpers for tests in other packages: an app on memory storage, served on a random port. */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp, type AppOptions } from './app.ts';
import { memoryStorage } from './storage/backends.ts';

export { createApp } from './app.ts';
export { couchDbStorage, memoryStorage, levelDbStorage } from './storage/backends.ts';
export { DEMO_OWNER, DEMO_SELLER, ensureDemo } from './seed/demo.ts';

export async function startTestServer(opts: Partial<AppOptions> = {}) {
  const app = createApp({ storage: opts.storage ?? memoryStorage(), ...opts });
  await app.services.resolvers?.start();
  app.services.mail.outbox.start();
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    async close() {
      (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      await new Promise<void>((r) => server.close(() => r()));
      await app.services.mail.outbox.stop();
      await app.services.resolvers?.stop();
      await app.services.storage.close();
    },
  };
}

export { ShopResolver } from './resolver/resolver.ts';
export { createLogger } from './log.ts';
export { buildDemoShop } from './seed/demo-data.ts';
export { createShopDatabase } from './shops/shop-db.ts';
export { hashPassword } from './auth/password.ts';
export { addressesOf, startTestSmtp, type TestSmtp } from './mail/test-smtp.ts';
