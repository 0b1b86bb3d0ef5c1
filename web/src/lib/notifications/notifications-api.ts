import type { NotificationPrefs } from '@stallkeeper/shared';
import { apiFetch } from '../api.ts';
import { schemas } from '../schemas.ts';

/** `/api/shops/:shopId/notifications`: the owner's own emails about this shop. */
export const notificationsApi = {
  async get(shopId: string): Promise<NotificationPrefs> {
    const { notificationPrefs } = await schemas();
    const res = await apiFetch(`/api/shops/${shopId}/notifications`);
    return notificationPrefs.parse(await res.json());
  },
  async put(shopId: string, prefs: NotificationPrefs): Promise<NotificationPrefs> {
    const { notificationPrefs } = await schemas();
    const res = await apiFetch(`/api/shops/${shopId}/notifications`, {
      method: 'PUT',
      body: JSON.stringify(prefs),
    });
    return notificationPrefs.parse(await res.json());
  },
};
