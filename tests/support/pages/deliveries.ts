import { expect, type Locator, type Page } from '@playwright/test';

/** What the schedule dialog is given; blank fields keep what it suggests. */
export interface DeliveryPlanInput {
  /** "YYYY-MM-DD" */
  date: string;
  from: string;
  to: string;
  address?: string;
  phone?: string;
  note?: string;
}

/** /deliveries: its sections of cards and the delivery dialogs; /deliveries/run-sheet. */
export class DeliveriesScreen {
  constructor(private readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { name: 'Deliveries', level: 1 });
  }

  /** Open it from the main navigation (on a phone it waits under "More"). */
  async open(): Promise<void> {
    const nav = this.page.getByRole('navigation', { name: 'Main' });
    const link = nav.getByRole('link', { name: 'Deliveries', exact: true });
    if (!(await link.isVisible())) await nav.getByRole('button', { name: 'More' }).click();
    await link.click();
    await expect(this.heading).toBeVisible();
  }

  /** A section by its heading's start ("Today", "Not scheduled", "Tomorrow"). */
  section(title: string | RegExp): Locator {
    return this.page.getByRole('region', { name: title });
  }

  get cards(): Locator {
    return this.page.getByTestId('delivery-card');
  }

  /** The card of one order, by its number. */
  card(number: string): Locator {
    return this.cards.filter({ has: this.page.getByRole('link', { name: number, exact: true }) });
  }

  /** The line at the top that says what was just saved. */
  get saved(): Locator {
    return this.page.getByTestId('delivery-saved');
  }

  get empty(): Locator {
    return this.page.getByRole('heading', { name: 'Nothing to deliver' });
  }

  /** Press a card's step button; returns the dialog it opens. */
  async step(number: string, button: string, dialog: RegExp): Promise<Locator> {
    await this.card(number).getByRole('button', { name: button, exact: true }).click();
    const d = this.page.getByRole('dialog', { name: dialog });
    await expect(d).toBeVisible();
    return d;
  }

  /** Schedule (or reschedule) from the card; returns the dialog before it is saved. */
  async schedule(number: string, plan: DeliveryPlanInput, button = 'Schedule delivery') {
    const d = await this.step(number, button, /^(Schedule|Reschedule)/);
    await d.getByLabel('Day').fill(plan.date);
    await d.getByLabel('From').fill(plan.from);
    await d.getByLabel('To').fill(plan.to);
    if (plan.address !== undefined) await d.getByLabel('Address').fill(plan.address);
    if (plan.phone !== undefined) await d.getByLabel('Contact phone').fill(plan.phone);
    if (plan.note !== undefined) await d.getByLabel(/^Note/).fill(plan.note);
    return d;
  }

  async dispatch(number: string): Promise<void> {
    const d = await this.step(number, 'Out for delivery', /^Out for delivery/);
    await d.getByRole('button', { name: 'It has left' }).click();
    await expect(d).toBeHidden();
  }

  /** Open "Delivered" on a card; returns the dialog (received by, cash collected). */
  async delivered(number: string): Promise<Locator> {
    return this.step(number, 'Delivered', /^Delivered/);
  }

  async failed(number: string, reason: string): Promise<void> {
    const d = await this.step(number, 'Delivery failed', /^Delivery failed/);
    await d.getByLabel('What happened?').fill(reason);
    await d.getByRole('button', { name: 'Mark as failed' }).click();
    await expect(d).toBeHidden();
  }

  /** The run sheet of a day ("YYYY-MM-DD"), from the screen's link and its day picker. */
  async openRunSheet(day?: string): Promise<void> {
    await this.page.getByRole('link', { name: "Today's run sheet" }).click();
    await expect(this.page.getByRole('heading', { name: /^Run sheet/ })).toBeVisible();
    if (day) {
      await this.page.getByLabel('Day').fill(day);
      await this.page.getByRole('button', { name: 'Show' }).click();
      await expect(this.page).toHaveURL(new RegExp(`day=${day}`));
    }
  }

  get sheetRows(): Locator {
    return this.page.getByTestId('sheet-row');
  }
}
