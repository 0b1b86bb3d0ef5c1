import { expect, test } from '../support/fixtures.ts';
import { account } from '../support/pages/auth.ts';
import { ImportScreen } from '../support/pages/import.ts';
import { PHONE } from '../support/viewports.ts';

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
