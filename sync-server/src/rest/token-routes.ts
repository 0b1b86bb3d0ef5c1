import { createTokenInput } from '@stallkeeper/shared';
import { Hono } from 'hono';
import { notFound } from '../errors.ts';
import { requireSession } from '../http/auth.ts';
import { parseBody } from '../http/parse.ts';
import type { AppEnv } from '../http/types.ts';

/**
 * `/api/tokens`: a signed-in person makes, lists and revokes tokens for programs.
 * Only with the session cookie: a token cannot make more tokens.
 */
export function tokenRoutes() {
  const r = new Hono<AppEnv>();
  r.use('*', requireSession);

  r.post('/', async (c) => {
    const input = await parseBody(c, createTokenInput);
    const { shops, tokens } = c.get('services');
    if (!(await shops.roleOf(input.shopId, c.get('userId')))) throw notFound('No such shop.');
    // exactly the fields the contract names: a new token has no last use yet
    const { id, name, shopId, scope, createdAt, token } = await tokens.create(
      c.get('userId'),
      input,
    );
    return c.json({ id, name, shopId, scope, createdAt, token }, 201);
  });

  r.get('/', async (c) => c.json({ items: await c.get('services').tokens.list(c.get('userId')) }));

  r.delete('/:id', async (c) => {
    const ok = await c.get('services').tokens.revoke(c.get('userId'), c.req.param('id'));
    if (!ok) throw notFound('No such token.');
    return c.body(null, 204);
  });
  return r;
}
