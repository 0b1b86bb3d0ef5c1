import type { OwnDeviceSession } from '@stallkeeper/shared';
import { apiFetch } from '../api.ts';

/** A change of password as the server takes it (`changePasswordInput` in shared/api.ts). */
export interface PasswordChange {
  currentPassword: string;
  newPassword: string;
  newPasswordConfirm: string;
}

const sessionsOf = async <T>(res: Response): Promise<T[]> =>
  ((await res.json()) as { sessions: T[] }).sessions;

/** The account screen's server calls: its devices and its password. */
export const accountApi = {
  /** This person's signed-in devices, the most recently used first. */
  async sessions(): Promise<OwnDeviceSession[]> {
    return sessionsOf<OwnDeviceSession>(await apiFetch('/api/account/sessions'));
  },
  async signOut(id: string): Promise<void> {
    await apiFetch(`/api/account/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' });
  },
  /** Every device, this one included. */
  async signOutEverywhere(): Promise<void> {
    await apiFetch('/api/account/sessions', { method: 'DELETE' });
  },
  /** Ends every other device's session too (the server does). */
  async changePassword(input: PasswordChange): Promise<void> {
    await apiFetch('/api/account/password', { method: 'POST', body: JSON.stringify(input) });
  },
};
