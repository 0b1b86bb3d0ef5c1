import { expect, type Locator, type Page } from '@playwright/test';

/** Settings → Notifications: the owner's emails about the shop. */
export class NotificationsSection {
  constructor(private readonly page: Page) {}

  get region(): Locator {
    return this.page.getByRole('region', { name: 'Notifications' });
  }

  get digest(): Locator {
    return this.region.getByRole('switch', { name: /Morning summary of yesterday/ });
  }

  get oversell(): Locator {
    return this.region.getByRole('switch', { name: /Tell me at once when stock is oversold/ });
  }

  get status(): Locator {
    return this.page.getByTestId('notifications-status');
  }

  /** Turn a switch on from the keyboard and wait for the server to keep it. */
  async turnOn(which: Locator): Promise<void> {
    await which.focus();
    await this.page.keyboard.press('Space');
    await expect(which).toBeChecked();
    await expect(this.status).toHaveText('Saved.');
  }
}
