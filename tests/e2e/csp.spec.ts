import type { BrowserContext } from '@playwright/test';
import { expect, test } from '../support/fixtures.ts';
import { account } from '../support/pages/auth.ts';
import { LAPTOP } from '../support/viewports.ts';

interface Violation {
  directive: string;
  blocked: string;
  source: string;
  line: number;
  column: number;
}

/**
 * Every Content-Security-Policy violation in the context's pages: the
 * `securitypolicyviolation` events (reported through a binding, so a page load cannot
 * lose them) and Chromium's console messages about the policy.
 */
async function recordViolations(context: BrowserContext): Promise<(Violation | string)[]> {
  const seen: (Violation | string)[] = [];
  await context.exposeBinding('__reportViolation', (_source, v: Violation) => {
    seen.push(v);
  });
  await context.addInitScript(() => {
    const report = (window as unknown as { __reportViolation: (v: Violation) => void })
      .__reportViolation;
    document.addEventListener('securitypolicyviolation', (e) => {
      report({
        directive: e.effectiveDirective,
        blocked: e.blockedURI,
        source: e.sourceFile,
        line: e.lineNumber,
        column: e.columnNumber,
      });
    });
  });
  context.on('console', (msg) => {
    const text = msg.text();
    // Chromium's own line for a blocked eval is the event above; anything else counts.
    if (/Content Security Policy|Refused to/i.test(text) && !/Refused to evaluate/.test(text)) {
      seen.push(`console ${msg.type()}: ${text}`);
    }
  });
  return seen;
}

test('the app runs under a CSP without unsafe-inline scripts, online and from the cache', async ({
  device,
}) => {
  let violations: (Violation | string)[] = [];
  // Recording starts before the first page opens, so nothing it loads goes unseen.
  const app = await device(LAPTOP, {
    prepare: async (context) => {
      violations = await recordViolations(context);
    },
  });
  const { page } = app;

  const first = await page.goto('/');
  const csp = first?.headers()['content-security-policy'] ?? '';
  const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
  // our origin, and the page's own inline scripts by hash (SvelteKit's bootstrap and
  // app.html's database warm-up): never 'unsafe-inline'
  expect(scriptSrc).toMatch(/^'self'( 'sha256-[A-Za-z0-9+/]+=*')+$/);
  expect(scriptSrc).not.toContain('unsafe');
  // The bootstrap script ran: the client-rendered login screen is there.
  await expect(app.auth.signInHeading).toBeVisible();

  // Register, log out, and sign in again.
  const who = account('Cora Policy', 'Cora Stall');
  await app.auth.register(who);
  await app.waitForServiceWorker();
  await app.logOut();
  await expect(page).toHaveURL(/\/login$/);
  await app.auth.signIn(who);
  await expect(page).toHaveURL(/\/dashboard$/);

  // The page the service worker serves from its cache keeps a policy that fits it.
  await page.reload();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(app.nav).toBeVisible();
  await page.goto('/products');
  await expect(page.getByRole('button', { name: 'Add product' })).toBeVisible();

  // none at all: zod is told not to probe for eval (web/src/hooks.client.ts)
  expect(violations).toEqual([]);
});
