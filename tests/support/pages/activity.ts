import type { Locator, Page } from '@playwright/test';

/** /activity (the owner's): the log, filtered by action or person. */
export class ActivityScreen {
  constructor(private readonly page: Page) {}

  get entries(): Locator {
    return this.page.getByTestId('activity-entry');
  }

  get actionFilter(): Locator {
    return this.page.getByLabel('Action');
  }

  get personFilter(): Locator {
    return this.page.getByLabel('Person');
  }
}
