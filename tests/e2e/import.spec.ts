import { expectAccessible } from '../support/a11y.ts';
import { expect, test } from '../support/fixtures.ts';
import { expectInsideViewport } from '../support/layout.ts';
import { account } from '../support/pages/auth.ts';
import { ImportScreen } from '../support/pages/import.ts';
import { LAPTOP, PHONE } from '../support/viewports.ts';

/** A Square item library export: a weighed cheese, a bad price, and a code the shop has. */
const SQUARE_CSV = [
  'Token,Item Name,Variation Name,Unit and Precision,SKU,Description,Category,Price,Current Quantity Main Street',
  'T1,Bananas,Regular,Per Unit,BAN-1,,Fruit,1.20,30',
  'T2,Cheddar,Regular,Per Kilogram (kg),CHD-1,"Aged, sharp",Dairy,"€12,50",2.5',
  'T3,Mystery box,Regular,Per Unit,MYS-1,,,abc,1',
  'T4,,Regular,Per Unit,jam-1,,Preserves,5.00,99',
  '',
].join('\r\n');

test('the owner, offline on a phone, imports a Square export: problems shown, a match updated, stock and categories in', async ({
  device,
}) => {
  test.setTimeout(120_000);
  const phone = await device(PHONE);
  const { page } = phone;
  await phone.auth.register(account('Imke Import', 'Imke Market'));
  await phone.navTo('Products');
  await phone.products.add({ code: 'JAM-1', name: 'Jam', price: '4.50', opening: '10' });
  await phone.waitForServiceWorker();
  // a phone that has synced once (so it knows its stock), then loses the network
  await expect(phone.syncLabel).toHaveText('Synced', { timeout: 30_000 });
  await phone.setOffline(true);

  const importer = new ImportScreen(page);
  await importer.open('products');
  await importer.upload('square-items.csv', SQUARE_CSV);
  await expect(page.getByText('mapped as a Square export')).toBeVisible();
  await expect(importer.count('new')).toHaveText('2 new');
  // the owner has not chosen yet: a match is left alone
  await expect(importer.count('skip')).toHaveText('1 to skip');
  await expect(importer.count('error')).toHaveText('1 with problems');
  await expect(importer.problems).toHaveText([
    "Row 4: price 'abc' is not an amount (write it like 12.50)",
  ]);

  // the preview fits the phone: the table scrolls inside itself, Import stays in reach
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    PHONE.width,
  );
  await expectInsideViewport(page, importer.importButton);
  await expectAccessible(page, 'the import preview');

  await importer.onMatches('update');
  await expect(importer.count('update')).toHaveText('1 to update');
  await expect(importer.count('skip')).toHaveText('0 to skip');
  await expect(importer.previewRows.filter({ hasText: 'JAM-1' })).toContainText(
    "Stock stays as it is (the file's 99 is only for new products)",
  );
  await expect(importer.importButton).toHaveText('Import 3 products');
  const result = await importer.importAll();
  await expect(result).toContainText(
    '2 new products added, 1 updated, 1 row with problems left out',
  );

  await importer.backToList('products');
  const list = phone.products;
  await expect(list.row('Bananas')).toContainText('€1.20');
  await expect(list.stockBadge('Bananas')).toHaveText('30 left');
  await expect(list.row('Cheddar')).toContainText('€12.50 / kg');
  await expect(list.stockBadge('Cheddar')).toHaveText('2.5 kg left');
  // the match took the new price and category, kept its name and its stock
  await expect(list.row('Jam')).toContainText('€5.00');
  await expect(list.stockBadge('Jam')).toHaveText('10 left');
  await expect(list.row('Mystery box')).toHaveCount(0);

  await list.edit('Cheddar');
  await expect(page.getByLabel('Category (optional)')).toHaveValue('Dairy');
  await list.edit('Jam');
  await expect(page.getByLabel('Category (optional)')).toHaveValue('Preserves');
});

/** A Shopify customers export: a bad email, a phone the shop has, a name from its parts. */
const SHOPIFY_CUSTOMERS = [
  'First Name,Last Name,Email,Company,Address1,Address2,City,Province,Country,Zip,Phone,Total Spent,Note',
  'Ada,Lovelace,ada@example.com,,12 Engine St,,London,,United Kingdom,N1 9GU,+44 20 7946 0001,12.00,Pays by card',
  'Bob,Stone,bob-at-example,,,,,,,,,0.00,',
  'Amina,W.,,,,,,,,,0711 222 333,0.00,',
  '',
].join('\n');

test('the owner imports customers from Shopify, keeps the one already known and downloads the refused row', async ({
  device,
}) => {
  const laptop = await device(LAPTOP);
  const { page } = laptop;
  await laptop.auth.register(account('Ken Customers', 'Ken Greens'));
  await laptop.navTo('Customers');
  await laptop.customers.add({ name: 'Amina', phone: '+0711-222-333' });

  const importer = new ImportScreen(page);
  await importer.open('customers');
  await importer.upload('customers_export.csv', SHOPIFY_CUSTOMERS);
  await expect(page.getByText('mapped as a Shopify export')).toBeVisible();
  await expect(importer.count('new')).toHaveText('1 new');
  await expect(importer.count('skip')).toHaveText('1 to skip');
  await expect(importer.problems).toHaveText([
    "Row 3: email 'bob-at-example' is not an email address",
  ]);
  const problems = await importer.downloadProblems();
  expect(problems.name).toBe('customers_export-problems.csv');
  expect(problems.rows).toEqual([
    expect.objectContaining({
      'First Name': 'Bob',
      Email: 'bob-at-example',
      problem: "email 'bob-at-example' is not an email address",
    }),
  ]);

  await expect(importer.importButton).toHaveText('Import 1 customer');
  await expect(await importer.importAll()).toContainText('1 new customer added, 1 skipped');
  await importer.backToList('customers');
  await expect(laptop.customers.rows.filter({ hasText: 'Ada Lovelace' })).toBeVisible();
  await expect(laptop.customers.rows.filter({ hasText: 'Amina' })).toHaveCount(1);
  await laptop.customers.open('Ada Lovelace');
  await expect(page.getByText('Pays by card')).toBeVisible();
});
