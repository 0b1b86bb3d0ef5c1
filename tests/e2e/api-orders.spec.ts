import { expect, test } from '../support/fixtures.ts';
import { account } from '../support/pages/auth.ts';
import { PHONE } from '../support/viewports.ts';

/** How soon a change on the server shows on a device that is online (live pull). */
const LIVE_SYNC_MS = 10_000;

test('a product and an order made by a program through the REST API appear on a phone', async ({
  device,
  baseURL,
}) => {
  const phone = await device(PHONE);
  await phone.auth.register(account('Pat Program', 'Pat Preserves'));
  await expect(phone.syncLabel).toHaveText('Synced', { timeout: 30_000 });

  // the owner's token, made with the phone's session (as Settings → API tokens does)
  const me = (await (await phone.page.request.get(`${baseURL}/api/v1/me`)).json()) as {
    shops: { id: string }[];
  };
  const shopId = me.shops[0]?.id ?? '';
  const made = await phone.page.request.post(`${baseURL}/api/tokens`, {
    data: { name: 'Web shop', shopId, scope: 'write' },
  });
  expect(made.status()).toBe(201);
  const { token } = (await made.json()) as { token: string };

  // a program with nothing but the token
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${baseURL}/api/v1/shops/${shopId}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const jam = await api('POST', '/products', {
    code: 'JAM-1',
    name: 'Plum jam',
    unit: 'piece',
    price: 450,
  });
  expect(jam.status).toBe(201);
  expect(
    (await api('POST', '/stock', { productId: jam.body.id, qty: 12, reason: 'restock' })).status,
  ).toBe(201);

  // the catalog reaches the phone without a reload
  await phone.navTo('Sell');
  await expect(phone.sell.tile('Plum jam')).toBeVisible({ timeout: LIVE_SYNC_MS });
  await expect(phone.sell.stockBadge('Plum jam')).toHaveText('12 left', { timeout: LIVE_SYNC_MS });

  const order = await api('POST', '/orders', {
    channel: 'pickup',
    lines: [{ productId: jam.body.id, qty: 3 }],
    payment: { method: 'card', paid: 1350 },
  });
  expect(order.status).toBe(201);
  expect(order.body).toMatchObject({ number: 'API-0001', total: 1350, allocation: 'confirmed' });

  // the order, its stock and its payment show on the phone within the live-sync delay
  await expect(phone.sell.stockBadge('Plum jam')).toHaveText('9 left', { timeout: LIVE_SYNC_MS });
  await phone.navTo('Orders');
  const row = phone.orders.rows.filter({ hasText: 'API-0001' });
  await expect(row).toBeVisible({ timeout: LIVE_SYNC_MS });
  await expect(row).toContainText('€13.50');
  await row.getByRole('link').click();
  await expect(phone.page.getByRole('heading', { name: /API-0001/ })).toBeVisible();
  await expect(phone.page.getByRole('cell', { name: /Plum jam/ })).toBeVisible();
});
