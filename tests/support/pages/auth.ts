import { expect, type Locator, type Page } from '@playwright/test';

export interface Account {
  name: string;
  shop: string;
  email: string;
  password: string;
}

let seq = 0;
/** A fresh account with a unique email, so tests never share data on a shared server. */
export function account(name: string, shop: string): Account {
  const slug = name.toLowerCase().replace(/[^a-z]+/g, '-');
  seq += 1;
  return {
    name,
    shop,
    email: `${slug}-${Date.now()}-${seq}@example.test`,
    password: 'crisp apples under blue awnings',
  };
}

/** The screens before a sign-in: /login and /register. */
export class AuthScreens {
  constructor(private readonly page: Page) {}

  get signInHeading(): Locator {
    return this.page.getByRole('heading', { name: 'Sign in' });
  }

  get registerHeading(): Locator {
    return this.page.getByRole('heading', { name: 'Create your shop' });
  }

  async openLogin(): Promise<void> {
    await this.page.goto('/login');
    await expect(this.signInHeading).toBeVisible();
  }

  async openRegister(): Promise<void> {
    await this.page.goto('/register');
    await expect(this.registerHeading).toBeVisible();
  }

  /** Fill the register form; every account owns the shop it creates. */
  async register(who: Account): Promise<void> {
    await this.page.goto('/register');
    await this.page.getByLabel('Your name').fill(who.name);
    await this.page.getByLabel('Shop name').fill(who.shop);
    await this.page.getByLabel('Email').fill(who.email);
    await this.page.getByLabel('Password', { exact: true }).fill(who.password);
    await this.page.getByLabel('Confirm password').fill(who.password);
    await this.page.getByRole('button', { name: 'Create shop' }).click();
    await expect(this.page).toHaveURL(/\/dashboard$/);
  }

  /** On the login form: fill it and press "Sign in" (where it leads is the caller's to check). */
  async signIn(who: Pick<Account, 'email' | 'password'>): Promise<void> {
    await this.page.getByLabel('Email').fill(who.email);
    await this.page.getByLabel('Password').fill(who.password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }
}
