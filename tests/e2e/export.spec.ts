import { expectAccessible } from '../support/a11y.ts';
import { expect, test } from '../support/fixtures.ts';
import { account } from '../support/pages/auth.ts';
import { ExportMenu } from '../support/pages/export.ts';
import { LAPTOP } from '../support/viewports.ts';

test('an owner offline exports the catalog and the orders with their lines, and the files read back', async ({
  device,
}) => {
  test.setTimeout(120_000);
  const laptop = await device(LAPTOP);
  const { page } = laptop;
  await laptop.auth.register(account('Olga Stall', 'Olga Greens'));

  // Online: cream sold by the kg, jam by the jar, and one sale of both.
  await laptop.navTo('Products');
  await laptop.products.add({
    code: 'CRM-1',
    name: 'Crème fraîche',
    sold: 'per kg',
    price: '18.00',
    opening: '5',
  });
  await laptop.products.add({
    code: 'JAM-1',
    name: 'Jam, "home made"',
    price: '4.50',
    opening: '10',
  });
  await laptop.navTo('Sell');
  await laptop.sell.addAmount('Crème fraîche', '1.25');
  await laptop.sell.add('Jam, "home made"');
  await laptop.sell.add('Jam, "home made"');
  const receipt = await (await laptop.sell.charge('€31.50')).confirm();
  await expect(receipt.dialog).toBeVisible();
  const number = (await receipt.number.innerText()).trim();
  await receipt.newSale();
  await laptop.waitForServiceWorker();

  // Offline from here: every file is made on the device.
  await laptop.setOffline(true);
  const exporter = new ExportMenu(page);

  await laptop.navTo('Products');
  const catalog = await exporter.download({
    file: 'Products, with stock on hand',
    forExcel: true,
  });
  expect(catalog.name).toMatch(/^products-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(catalog.bom).toBe(true);
  expect(catalog.columns).toEqual([
    'code',
    'name',
    'category',
    'unit',
    'price',
    'cost',
    'currency',
    'stock',
    'low_stock_at',
    'description',
    'active',
  ]);
  expect(catalog.rows).toEqual([
    expect.objectContaining({
      code: 'CRM-1',
      name: 'Crème fraîche',
      unit: 'kg',
      price: '18.00',
      currency: 'EUR',
      stock: '3.75',
      active: 'yes',
    }),
    expect.objectContaining({ code: 'JAM-1', name: 'Jam, "home made"', unit: 'piece', stock: '8' }),
  ]);

  await laptop.navTo('Orders');
  // "For Excel" was kept on this device; the lines go without it
  await exporter.open();
  await expect(exporter.forExcel).toBeChecked();
  await expectAccessible(page, 'the orders export menu');
  await exporter.cancel();
  const lines = await exporter.download({
    file: 'Order lines, one row per item sold',
    forExcel: false,
  });
  expect(lines.name).toMatch(/^order-lines-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(lines.bom).toBe(false);
  expect(lines.rows).toEqual([
    {
      order_number: number,
      order_created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      product_code: 'CRM-1',
      product_name: 'Crème fraîche',
      unit: 'kg',
      quantity: '1.25',
      unit_price: '18.00',
      line_total: '22.50',
      currency: 'EUR',
    },
    expect.objectContaining({
      order_number: number,
      product_code: 'JAM-1',
      quantity: '2',
      unit_price: '4.50',
      line_total: '9.00',
    }),
  ]);

  const orders = await exporter.download({ file: 'Orders, one row per order' });
  expect(orders.rows).toEqual([
    expect.objectContaining({
      number,
      channel: 'counter',
      status: 'completed',
      payment_status: 'paid',
      seller: 'Olga Stall',
      device: 'This device',
      subtotal: '31.50',
      total: '31.50',
      paid: '31.50',
      balance: '0.00',
      currency: 'EUR',
      item_count: '2',
    }),
  ]);

  // The list's filters hold: a search that matches nothing exports the header alone.
  await page.getByLabel('Number or customer').fill('no such order');
  await expect(laptop.orders.rows).toHaveCount(0);
  const none = await exporter.download({ file: 'Orders, one row per order' });
  expect(none.columns[0]).toBe('number');
  expect(none.rows).toEqual([]);
});
