import { expect, type Locator, type Page } from '@playwright/test';

export type Role = 'owner' | 'seller';

/** /team (the owner's): the members and their invite codes. */
export class TeamScreen {
  constructor(private readonly page: Page) {}

  member(name: string): Locator {
    return this.page.getByRole('cell', { name, exact: true });
  }

  /** An owner signs out every device of the member `name`: the button, then the confirmation. */
  async signOutDevices(name: string): Promise<Locator> {
    await this.page.getByRole('button', { name: `Sign out their devices (${name})` }).click();
    const dialog = this.page.getByRole('dialog', { name: `Sign out ${name}’s devices?` });
    await expect(dialog.getByText('Signed in on:')).toBeVisible();
    await dialog.getByRole('button', { name: 'Sign out their devices' }).click();
    await expect(dialog).toBeHidden();
    return dialog;
  }

  get inviteCode(): Locator {
    return this.page.getByTestId('invite-code');
  }

  /** A new single-use invite code for `role`, different from the one shown before. */
  async createInvite(role: Role): Promise<string> {
    await this.page.getByLabel('Role', { exact: true }).selectOption(role);
    const code = this.inviteCode;
    const before = (await code.count()) ? await code.textContent() : null;
    await this.page.getByRole('button', { name: 'Create invite code' }).click();
    await expect(code).toBeVisible();
    await expect(code).not.toHaveText(before ?? '');
    await expect(this.page.getByRole('status').filter({ has: code })).toContainText(`(${role})`);
    return (await code.textContent())?.trim() ?? '';
  }
}

/** The Team screen's invite form with an address: the server emails the link. */
export async function inviteByEmail(page: Page, role: Role, email: string): Promise<string> {
  await page.getByLabel('Role', { exact: true }).selectOption(role);
  await page.getByLabel('Send the link by email').fill(email);
  await page.getByRole('button', { name: 'Create and send invite' }).click();
  await expect(page.getByTestId('invite-sent')).toHaveText(`Invite sent to ${email}.`);
  return (await page.getByTestId('invite-code').textContent())?.trim() ?? '';
}

/** /join: a signed-in user takes an invite code into another shop. */
export class JoinScreen {
  constructor(private readonly page: Page) {}

  /** Join with `code`; a seller lands on Sell, in the shop named `shop`. */
  async joinAsSeller(code: string, shop: string): Promise<void> {
    await this.page.goto(`/join?code=${encodeURIComponent(code)}`);
    await expect(this.page.getByRole('heading', { name: /^Join .+ as a seller$/ })).toBeVisible();
    await this.page.getByRole('button', { name: 'Join' }).click();
    await expect(this.page).toHaveURL(/\/sell$/);
    await expect(this.page.getByText(shop)).toBeVisible();
  }
}
