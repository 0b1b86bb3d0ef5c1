import { expectAccessible } from '../support/a11y.ts';
import { expect, test } from '../support/fixtures.ts';
import { account } from '../support/pages/auth.ts';
import { ReportsScreen } from '../support/pages/reports.ts';
import { COMMON_PHONE, LAPTOP, SMALL_PHONE } from '../support/viewports.ts';

/** A Wednesday and the Thursday after it, on the device's clock (Europe/Berlin). */
const WEDNESDAY = new Date('2026-11-18T10:00:00+01:00');
const THURSDAY = new Date('2026-11-19T11:30:00+01:00');

test('an owner offline reads the report of today, this week and a custom day, and exports its CSV and PDF', async ({
  device,
}) => {
  test.setTimeout(120_000);
  const laptop = await device(LAPTOP);
  const { page } = laptop;
  await laptop.auth.register(account('Olga Stall', 'Olga Greens'));
  await laptop.navTo('Products');
  await laptop.products.add({ code: 'FIG-1', name: 'Figs', price: '12.50', opening: '20' });

  // One sale on Wednesday, two on Thursday (the device's clock says so).
  await laptop.navTo('Sell');
  await page.clock.setFixedTime(WEDNESDAY);
  await laptop.sell.sellOne('Figs');
  await page.clock.setFixedTime(THURSDAY);
  await laptop.sell.add('Figs');
  await laptop.sell.add('Figs');
  await (await laptop.sell.charge('€25.00')).confirm().then((r) => r.newSale());
  await laptop.sell.add('Figs');
  const card = await laptop.sell.charge('€12.50');
  await card.pay('Card');
  await (await card.confirm()).newSale();
  await laptop.waitForServiceWorker();

  // Offline from here: the report comes from the device's own data, and so do its files.
  await laptop.setOffline(true);
  await page.reload();
  await laptop.navTo('Reports');
  const reports = new ReportsScreen(page);
  await expect(reports.heading).toHaveText('Reports');

  await reports.choose('Today');
  await expect(page).toHaveURL(/\/reports\?period=today$/);
  await expect(reports.periodWords).toHaveText('Today · Nov 19, 2026');
  await expect(reports.tile('revenue')).toHaveText('€37.50');
  await expect(reports.tile('orders')).toHaveText('2');
  await expect(reports.change('revenue')).toHaveText('Up +200 % vs yesterday');
  await expect(reports.tile('averageBasket')).toHaveText('€18.75');

  await reports.choose('This week');
  await expect(page).toHaveURL(/period=week/);
  await expect(reports.tile('revenue')).toHaveText('€50.00');
  await expect(reports.tile('orders')).toHaveText('3');
  await expect(reports.change('revenue')).toHaveText('Up from none vs previous week');
  await expect(reports.table('sales-by-product')).toContainText('Figs');
  await expect(reports.table('sales-by-product')).toContainText('€50.00');
  await expect(reports.table('sales-by-seller')).toContainText('Olga Stall');
  await expect(reports.table('sales-by-device')).toContainText('This device');
  await expect(reports.section('Stock')).toContainText('Figs');
  await expect(reports.section('Stock')).toContainText('16');
  await expect(reports.section('Sales').getByRole('img')).not.toHaveCount(0);

  await reports.customDays('2026-11-18', '2026-11-18');
  await expect(page).toHaveURL(/period=custom&from=2026-11-18&to=2026-11-18/);
  await expect(reports.periodWords).toHaveText('Custom · Nov 18, 2026');
  await expect(reports.tile('revenue')).toHaveText('€12.50');
  await expect(reports.tile('orders')).toHaveText('1');
  await expectAccessible(page, '/reports');

  // The headline figures as CSV: decimals, with the currency in its own column.
  const csv = await reports.csv.download({
    file: 'Sales: headline figures, this period and the one before',
    forExcel: true,
  });
  expect(csv.name).toBe('sales-summary-2026-11-18.csv');
  expect(csv.bom).toBe(true);
  expect(csv.columns).toEqual([
    'period',
    'from',
    'to',
    'revenue',
    'orders',
    'average_basket',
    'tax',
    'refunds',
    'net',
    'currency',
  ]);
  expect(csv.rows[0]).toMatchObject({
    period: 'this',
    from: '2026-11-18',
    revenue: '12.50',
    orders: '1',
    currency: 'EUR',
  });

  // The whole report as a PDF, its revenue as the screen shows it.
  const pdf = await reports.downloadPdf();
  expect(pdf.name).toBe('sales-report-2026-11-18.pdf');
  expect(pdf.text).toContain('Olga Greens');
  expect(pdf.text).toContain('Custom · Nov 18, 2026');
  expect(pdf.text).toContain('Revenue €12.50');
  expect(pdf.text).toContain('Revenue by hour of the day');
  expect(pdf.text).toContain('Figs');

  // A link opens the same report; on a small phone nothing is wider than the screen.
  await page.setViewportSize(SMALL_PHONE);
  await page.goto('/reports?period=week#stock');
  await expect(reports.tile('revenue')).toHaveText('€50.00');
  await expect(reports.section('Stock')).toBeInViewport();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    SMALL_PHONE.width,
  );
  await expectAccessible(page, '/reports on a phone');
  // In the dark the charts are drawn again in the dark scheme's colours, and still read.
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectAccessible(page, '/reports on a phone, dark');
});

test('a seller reads only their own sales, without stock values or the money owed', async ({
  device,
}) => {
  test.setTimeout(120_000);
  const owner = await device(LAPTOP);
  await owner.auth.register(account('Rosa Market', 'Rosa Fruit Stall'));
  await owner.navTo('Products');
  await owner.products.add({ code: 'PLM-1', name: 'Plums', price: '1.50', opening: '30' });
  await owner.navTo('Sell');
  await owner.sell.add('Plums');
  await owner.sell.add('Plums');
  await (await owner.sell.charge('€3.00')).confirm().then((r) => r.newSale());
  await owner.navTo('Team');
  const code = await owner.team.createInvite('seller');

  const seller = await device(COMMON_PHONE);
  await seller.auth.register(account('Sam', "Sam's own stall"));
  await seller.join.joinAsSeller(code, 'Rosa Fruit Stall');
  // The owner's sale has reached Sam's phone…
  await seller.page.goto('/orders');
  await expect(seller.orders.rows).toHaveCount(1, { timeout: 45_000 });
  // …and Sam sells one of his own.
  await seller.page.goto('/sell');
  await expect(seller.sell.tile('Plums')).toBeVisible({ timeout: 30_000 });
  await seller.sell.sellOne('Plums');

  await seller.page.goto('/reports?period=today');
  const reports = new ReportsScreen(seller.page);
  await expect(reports.heading).toHaveText('Your sales');
  await expect(reports.tile('revenue')).toHaveText('€1.50');
  await expect(reports.tile('orders')).toHaveText('1');
  await expect(reports.table('sales-by-seller')).toHaveCount(0);
  await expect(reports.section('Money owed')).toHaveCount(0);
  // stock values show costs: the owner's
  await expect(reports.section('Stock')).toHaveCount(0);
  const text = await seller.page.getByRole('main').innerText();
  expect(text).not.toMatch(/€3\.00|€4\.50/);
  await expectAccessible(seller.page, '/reports for a seller');
});
