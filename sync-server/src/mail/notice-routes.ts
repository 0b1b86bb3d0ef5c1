import { Hono } from 'hono';
import { notificationPrefs } from '@stallkeeper/shared';
import { requireSession } from '../http/auth.ts';
import { memberOf } from '../http/membership.ts';
import { parseBody } from '../http/parse.ts';
import type { AppEnv } from '../http/types.ts';

/** An owner's notification choices for one shop (their own, not the other owners'). */
export function noticeRoutes() {
  const r = new Hono<AppEnv>();
  r.use('/:shopId/notifications', requireSession, memberOf('shopId', 'owner'));
  r.get('/:shopId/notifications', async (c) =>
    c.json(await c.get('services').notices.prefs(c.get('shopId'), c.get('userId'))),
  );
  r.put('/:shopId/notifications', async (c) => {
    const prefs = await parseBody(c, notificationPrefs);
    return c.json(
      await c.get('services').notices.setPrefs(c.get('shopId'), c.get('userId'), prefs),
    );
  });
  return r;
}
