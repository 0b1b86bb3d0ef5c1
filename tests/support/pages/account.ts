import { expect, type Locator, type Page } from '@playwright/test';

/** /account: the person's signed-in devices and their password. */
export class AccountScreen {
  constructor(private readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { name: 'Account', level: 1 });
  }

  /** One tap from any screen: the header's "Account". */
  async open(): Promise<void> {
    await this.page.getByRole('link', { name: 'Account', exact: true }).click();
    await expect(this.heading).toBeVisible();
  }

  get devices(): Locator {
    return this.page.getByTestId('device-row');
  }

  get thisDevice(): Locator {
    return this.devices.filter({ hasText: 'This device' });
  }

  get otherDevices(): Locator {
    return this.devices.filter({ hasNotText: 'This device' });
  }

  /** Sign out the device in `row`: its button, then the confirmation. */
  async signOut(row: Locator): Promise<void> {
    await row.getByRole('button', { name: /^Sign out / }).click();
    const dialog = this.page.getByRole('dialog', { name: /^Sign out / });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(dialog).toBeHidden();
  }
}

/** On the login screen of a device someone signed out from elsewhere. */
export class SignedOutNotice {
  constructor(private readonly page: Page) {}

  get region(): Locator {
    return this.page.getByTestId('signed-out');
  }

  get kept(): Locator {
    return this.page.getByTestId('signed-out-kept');
  }

  get exportButton(): Locator {
    return this.region.getByRole('button', { name: 'Export unsynced changes' });
  }
}
