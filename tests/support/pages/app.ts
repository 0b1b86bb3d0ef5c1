import { expect, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { AccountScreen, SignedOutNotice } from './account.ts';
import { ActivityScreen } from './activity.ts';
import { AlertsScreen } from './alerts.ts';
import { AuthScreens } from './auth.ts';
import { CustomersScreen } from './customers.ts';
import { OrdersScreen } from './orders.ts';
import { ProductsScreen } from './products.ts';
import { SellScreen } from './sell.ts';
import { JoinScreen, TeamScreen } from './team.ts';

/**
 * The app as one person has it open on one device: the frame every screen shares (main
 * navigation, the "More" sheet, sync status, log out) and the screens themselves.
 * Screens are made on each use, so they follow the page after a `reopen()`.
 */
export class App {
  #page: Page;

  constructor(
    readonly context: BrowserContext,
    page: Page,
  ) {
    this.#page = page;
  }

  static async open(context: BrowserContext): Promise<App> {
    return new App(context, await context.newPage());
  }

  get page(): Page {
    return this.#page;
  }

  get auth(): AuthScreens {
    return new AuthScreens(this.#page);
  }
  get account(): AccountScreen {
    return new AccountScreen(this.#page);
  }
  get signedOut(): SignedOutNotice {
    return new SignedOutNotice(this.#page);
  }
  get sell(): SellScreen {
    return new SellScreen(this.#page);
  }
  get products(): ProductsScreen {
    return new ProductsScreen(this.#page);
  }
  get customers(): CustomersScreen {
    return new CustomersScreen(this.#page);
  }
  get orders(): OrdersScreen {
    return new OrdersScreen(this.#page);
  }
  get team(): TeamScreen {
    return new TeamScreen(this.#page);
  }
  get join(): JoinScreen {
    return new JoinScreen(this.#page);
  }
  get alerts(): AlertsScreen {
    return new AlertsScreen(this.#page);
  }
  get activity(): ActivityScreen {
    return new ActivityScreen(this.#page);
  }

  /** The main navigation: a top bar on a laptop, a bottom bar on a phone. */
  get nav(): Locator {
    return this.#page.getByRole('navigation', { name: 'Main' });
  }

  /** A link of the main navigation, by its exact label. */
  navLink(label: string): Locator {
    return this.nav.getByRole('link', { name: label, exact: true });
  }

  /** The phone bar's "More" button, which opens the sheet of the owner's other screens. */
  get more(): Locator {
    return this.nav.getByRole('button', { name: 'More' });
  }

  get syncLabel(): Locator {
    return this.#page.getByTestId('sync-label');
  }

  /** Present only while changes wait to be synced. */
  get pendingCount(): Locator {
    return this.#page.getByTestId('pending-count');
  }

  /**
   * Wait until everything made on this device is on the server: "Synced" alone means the
   * sync is live, while a write made a moment ago may still be on its way up.
   */
  async expectAllSynced(timeout = 30_000): Promise<void> {
    await expect(this.syncLabel).toHaveText('Synced', { timeout });
    await expect(this.pendingCount).toHaveCount(0, { timeout });
  }

  /** The header's sync status button. */
  get syncStatus(): Locator {
    return this.#page.getByTestId('sync-status');
  }

  /** Click a link of the main navigation and wait until it is the current page. */
  async navTo(label: string): Promise<void> {
    const link = this.nav.getByRole('link', { name: label });
    // A link outside the viewport (an overflowing phone bar) fails here, not at the test timeout.
    await link.click({ timeout: 10_000 });
    // On a loaded 2-core machine a tap landing while the app is still starting up has been
    // seen to go unanswered (CI, once in many runs): tap again, as a person would.
    await expect(async () => {
      if ((await link.getAttribute('aria-current')) !== 'page') {
        await link.click({ timeout: 5_000 });
      }
      await expect(link).toHaveAttribute('aria-current', 'page', { timeout: 5_000 });
    }).toPass({ timeout: 30_000 });
  }

  /** Open the sync details from the header; returns the panel. */
  async openSyncDetails(): Promise<Locator> {
    await this.syncStatus.click();
    const details = this.#page.getByRole('region', { name: 'Sync details' });
    await expect(details).toBeVisible();
    return details;
  }

  /** Press "Log out" (with changes waiting, a dialog asks first). */
  async logOut(): Promise<void> {
    await this.#page.getByRole('button', { name: 'Log out' }).click();
  }

  /** The dialog "Log out" opens while changes are not synced yet. */
  get logoutDialog(): Locator {
    return this.#page.getByRole('dialog', { name: 'Changes not synced yet' });
  }

  /** Wait until the service worker controls the page (needed before going offline). */
  async waitForServiceWorker(): Promise<void> {
    // generous: the worker installs after the first sync's essentials, later on a busy CI machine
    try {
      await this.#page.waitForFunction(
        () => navigator.serviceWorker.controller !== null,
        undefined,
        { timeout: 45_000 },
      );
    } catch (err) {
      // say how far it got: never registered, stuck installing, or active but not in control
      const state = await this.#page.evaluate(async () => {
        const reg = await navigator.serviceWorker.getRegistration();
        if (!reg) return 'no registration';
        const of = (w: ServiceWorker | null) => w?.state ?? 'none';
        return `installing ${of(reg.installing)}, waiting ${of(reg.waiting)}, active ${of(reg.active)}`;
      });
      throw new Error(`the service worker did not take control of the page (${state})`, {
        cause: err,
      });
    }
  }

  /** The device loses (or gets back) its network. */
  async setOffline(offline: boolean): Promise<void> {
    await this.context.setOffline(offline);
  }

  /** Close the app and open it again in a new tab of the same device (a cold start). */
  async reopen(): Promise<void> {
    await this.#page.close();
    this.#page = await this.context.newPage();
  }
}
