import { expect, type Locator, type Page } from '@playwright/test';

/** "Forgot password?" and the reset link's page. */
export class RecoveryScreens {
  constructor(private readonly page: Page) {}

  get checkYourEmail(): Locator {
    return this.page.getByRole('heading', { name: 'Check your email' });
  }

  /** From the login screen: ask for a reset link for `email`. */
  async askForResetLink(email: string): Promise<void> {
    await this.page.getByRole('link', { name: 'Forgot password?' }).click();
    await expect(this.page.getByRole('heading', { name: 'Reset your password' })).toBeVisible();
    await this.page.getByLabel('Email').fill(email);
    await this.page.getByRole('button', { name: 'Send reset link' }).click();
    await expect(this.checkYourEmail).toBeVisible();
  }

  /** On the reset link's page: choose `password`. */
  async chooseNewPassword(password: string): Promise<void> {
    await expect(this.page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
    await this.page.getByLabel('New password', { exact: true }).fill(password);
    await this.page.getByLabel('Confirm new password').fill(password);
    await this.page.getByRole('button', { name: 'Save new password' }).click();
    await expect(this.page.getByRole('heading', { name: 'Password changed' })).toBeVisible();
  }
}
