import { test as base, expect, type BrowserContext, type Request } from '@playwright/test';
import { App } from './pages/app.ts';
import { startServer, type RunningServer, type ServerOptions } from './server.ts';
import type { Viewport } from './viewports.ts';

/**
 * The server lets one client address register this many accounts an hour, counting in
 * memory (sync-server/src/auth/throttles.ts). Every device here is 127.0.0.1.
 */
const FREE_REGISTRATIONS = 10;
/** The most accounts one test registers (two-sellers: an owner and two sellers). */
const MOST_REGISTRATIONS_PER_TEST = 3;

/**
 * The worker's one server, shared by its tests. It counts the registrations made on it
 * and, before a test that could run past the server's allowance, restarts it: that
 * forgets the throttles and keeps every account, and costs what one start costs.
 */
export class SharedServer {
  #registrations = 0;
  #atTestStart = 0;

  constructor(readonly server: RunningServer) {}

  /** Counts a registration request sent to this server. */
  registered(): void {
    this.#registrations += 1;
  }

  async beforeTest(): Promise<RunningServer> {
    if (this.#registrations + MOST_REGISTRATIONS_PER_TEST > FREE_REGISTRATIONS) {
      await this.server.stop();
      await this.server.restart();
      this.#registrations = 0;
    }
    this.#atTestStart = this.#registrations;
    return this.server;
  }

  /** A test that registers more than the headroom allows could push a later one over. */
  afterTest(): void {
    const made = this.#registrations - this.#atTestStart;
    if (made > MOST_REGISTRATIONS_PER_TEST) {
      throw new Error(
        `this test registered ${made} accounts; raise MOST_REGISTRATIONS_PER_TEST in tests/support/fixtures.ts`,
      );
    }
  }
}

export interface DeviceOptions {
  colorScheme?: 'light' | 'dark';
  /** Runs on the new context before its first page opens (bindings, init scripts). */
  prepare?: (context: BrowserContext) => Promise<unknown>;
}

/** Opens a new device (a browser context) on the test's server, with the app in one tab. */
export type OpenDevice = (viewport: Viewport, options?: DeviceOptions) => Promise<App>;

export interface E2eFixtures {
  /**
   * `false` (the default): the test uses the worker's shared server. Options: the test
   * gets a server of its own, started with them and disposed after it — for a test that
   * stops or restarts its server, or needs it started differently (env, demo, data dir).
   */
  ownServer: ServerOptions | false;
  /** The server this test talks to. */
  server: RunningServer;
  /** Devices opened through it are closed after the test. */
  device: OpenDevice;
}

export interface E2eWorkerFixtures {
  /** One real server per worker: tests keep apart by each registering a fresh account. */
  sharedServer: SharedServer;
}

/** The page's own "Create shop" request (not the service worker passing it on). */
const isRegistration = (r: Request) =>
  r.method() === 'POST' &&
  new URL(r.url()).pathname === '/api/auth/register' &&
  r.serviceWorker() === null;

export const test = base.extend<E2eFixtures, E2eWorkerFixtures>({
  sharedServer: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a function asks for
    async ({}, use) => {
      const server = await startServer();
      await use(new SharedServer(server));
      await server.dispose();
    },
    { scope: 'worker' },
  ],

  ownServer: [false, { option: true }],

  server: async ({ ownServer, sharedServer }, use) => {
    if (ownServer === false) {
      await use(await sharedServer.beforeTest());
      sharedServer.afterTest();
      return;
    }
    const server = await startServer(ownServer);
    await use(server);
    await server.dispose();
  },

  // Every page and request of the test resolves '/…' against its server.
  baseURL: async ({ server }, use) => use(server.url),

  device: async ({ browser, baseURL, server, sharedServer }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (viewport, options = {}) => {
      // A fixed locale and time zone, so money reads "€7.50" and dates are predictable.
      const context = await browser.newContext({
        baseURL,
        viewport,
        colorScheme: options.colorScheme ?? 'light',
        locale: 'en-US',
        timezoneId: 'Europe/Berlin',
      });
      contexts.push(context);
      if (server === sharedServer.server) {
        context.on('request', (r) => {
          if (isRegistration(r)) sharedServer.registered();
        });
      }
      await options.prepare?.(context);
      return App.open(context);
    });
    for (const context of contexts) await context.close();
  },
});

export { expect };
