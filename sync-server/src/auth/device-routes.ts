import { deviceBindingInput } from '@stallkeeper/shared';
import { Hono } from 'hono';
import { conflict, unauthorized } from '../errors.ts';
import { requireSession } from '../http/auth.ts';
import { parseBody } from '../http/parse.ts';
import type { AppEnv } from '../http/types.ts';

/**
 * `PUT /api/auth/device {deviceId}`: the app says once which device this session is.
 * Every document the session pushes must name that device; a session cannot switch
 * to another (a new device signs in).
 */
export function deviceRoutes() {
  const r = new Hono<AppEnv>();
  r.put('/', requireSession, async (c) => {
    const { deviceId } = await parseBody(c, deviceBindingInput);
    const bound = await c.get('services').sessions.bindDevice(c.get('sessionId'), deviceId);
    if (bound) return c.body(null, 204);
    if (c.get('deviceId') === null) {
      throw unauthorized('Your session has ended. Please log in again.');
    }
    throw conflict('This session belongs to another device. Please log in again on this one.');
  });
  return r;
}
