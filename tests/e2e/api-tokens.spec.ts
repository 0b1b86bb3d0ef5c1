import { expectAccessible } from '../support/a11y.ts';
import { expect, test } from '../support/fixtures.ts';
import { ApiTokensSection } from '../support/pages/api-tokens.ts';
import { account } from '../support/pages/auth.ts';
import { LAPTOP } from '../support/viewports.ts';

test('the owner makes an API token in Settings, a program uses it, and revoking it stops the program', async ({
  device,
  baseURL,
}) => {
  const owner = await device(LAPTOP);
  const { page } = owner;
  const who = account('Tomas Token', 'Tomas Tools');
  await owner.auth.register(who);
  await owner.navTo('Settings');
  const tokens = new ApiTokensSection(page);
  await expect(tokens.section.getByText('No tokens yet.')).toBeVisible();

  const token = await tokens.create('Website', 'Read only');
  expect(token).toMatch(/^sk_/);
  await expect(tokens.section.getByText('It is shown only this once.')).toBeVisible();
  await expect(tokens.row('Website')).toContainText('Read only');
  await expect(tokens.row('Website').getByTestId('token-used')).toHaveText('Never used');
  await expectAccessible(page, 'the API tokens section');

  // a program, with nothing but the token
  const me = await fetch(`${baseURL}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
  expect(me.status).toBe(200);
  const body = (await me.json()) as { user: { name: string }; shops: { name: string }[] };
  expect(body.user.name).toBe('Tomas Token');
  expect(body.shops.map((s) => s.name)).toEqual(['Tomas Tools']);

  // after a reload the value is gone for good; the list says when it was used
  await page.reload();
  await expect(tokens.value).toHaveCount(0);
  await expect(tokens.row('Website').getByTestId('token-used')).toContainText('Last used');

  await tokens.revoke('Website');
  await expect(tokens.rows).toHaveCount(0);
  const after = await fetch(`${baseURL}/api/v1/me`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(after.status).toBe(401);

  // tokens live on the server: offline, the section says so
  await owner.setOffline(true);
  await expect(
    tokens.section.getByText('Tokens are kept on the server: connect to see or change them.'),
  ).toBeVisible();
});
