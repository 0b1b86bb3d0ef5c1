import type { DeviceSession, Role } from '@stallkeeper/shared';
import { ApiError, apiFetch } from './api.ts';
import { MEMBERS_CACHE_KEY as CACHE } from './db/activity.ts';
import type { ShopContext } from './db/shop.ts';

export interface Member {
  userId: string;
  name: string;
  email: string;
  role: Role;
  joinedAt: string;
}

export interface Invite {
  code: string;
  role: Role;
  expiresAt: string;
}

export interface NewInvite extends Invite {
  path: string;
  /** the server emailed the link (only when an address was given) */
  emailed?: boolean;
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await apiFetch(path, init);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** Members from the server, cached on the device so the dashboard works offline. */
export async function loadMembers(
  ctx: ShopContext,
): Promise<{ members: Member[]; fresh: boolean }> {
  try {
    const { members } = await call<{ members: Member[] }>(`/api/shops/${ctx.shopId}/members`);
    await ctx.local.meta.put({ key: CACHE, value: members });
    return { members, fresh: true };
  } catch (err) {
    if (err instanceof ApiError && err.status === 403) throw err;
    const cached = (await ctx.local.meta.get(CACHE))?.value as Member[] | undefined;
    return { members: cached ?? [], fresh: false };
  }
}

export const team = {
  invites: (shopId: string) => call<{ invites: Invite[] }>(`/api/shops/${shopId}/invites`),
  /** With `email`, the server also sends the link there (403 `email_not_verified` if it may not). */
  createInvite: (shopId: string, role: Role, email?: string) =>
    call<NewInvite>(`/api/shops/${shopId}/invites`, {
      method: 'POST',
      body: JSON.stringify(email === undefined ? { role } : { role, email }),
    }),
  revokeInvite: (shopId: string, code: string) =>
    call<void>(`/api/shops/${shopId}/invites/${encodeURIComponent(code)}`, { method: 'DELETE' }),
  setRole: (shopId: string, userId: string, role: Role) =>
    call<void>(`/api/shops/${shopId}/members/${userId}`, {
      method: 'PATCH',
      body: JSON.stringify({ role }),
    }),
  /** The devices a member is signed in on, the most recently used first. */
  devices: (shopId: string, userId: string) =>
    call<{ sessions: DeviceSession[] }>(`/api/shops/${shopId}/members/${userId}/sessions`),
  /** Every device the member is signed in on is signed out at its next request. */
  signOutDevices: (shopId: string, userId: string) =>
    call<void>(`/api/shops/${shopId}/members/${userId}/sessions`, { method: 'DELETE' }),
  remove: (shopId: string, userId: string) =>
    call<void>(`/api/shops/${shopId}/members/${userId}`, { method: 'DELETE' }),
  accept: (code: string) =>
    call<{ shopId: string }>(`/api/invites/accept`, {
      method: 'POST',
      body: JSON.stringify({ code }),
    }),
};
