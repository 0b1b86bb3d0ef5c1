import type { Role } from '@stallkeeper/shared';
import { conflict, notFound } from '../errors.ts';
import type { Services } from '../http/types.ts';

export interface MemberView {
  userId: string;
  name: string;
  email: string;
  role: Role;
  joinedAt: string;
}

/** A shop's members with their names (the app's team screen and the REST API). */
export async function memberList(services: Services, shopId: string): Promise<MemberView[]> {
  const { shops, users } = services;
  const out: MemberView[] = [];
  for (const m of await shops.members(shopId)) {
    const u = await users.byId(m.userId);
    if (u) {
      out.push({ userId: u.id, name: u.name, email: u.email, role: m.role, joinedAt: m.joinedAt });
    }
  }
  return out;
}

async function ownerCount(services: Services, shopId: string): Promise<number> {
  return (await services.shops.members(shopId)).filter((m) => m.role === 'owner').length;
}

/** Change a member's role; a shop keeps at least one owner. */
export async function changeMemberRole(
  services: Services,
  shopId: string,
  userId: string,
  role: Role,
): Promise<void> {
  const current = await services.shops.roleOf(shopId, userId);
  if (!current) throw notFound('No such member.');
  if (current === 'owner' && role !== 'owner' && (await ownerCount(services, shopId)) <= 1) {
    throw conflict('A shop needs at least one owner.');
  }
  await services.shops.addMember(shopId, userId, role);
}

/** Remove a member (their sessions and tokens lose the shop at once); a shop keeps an owner. */
export async function removeMember(
  services: Services,
  shopId: string,
  userId: string,
  by: string,
): Promise<void> {
  const current = await services.shops.roleOf(shopId, userId);
  if (!current) throw notFound('No such member.');
  if (current === 'owner' && (await ownerCount(services, shopId)) <= 1) {
    throw conflict('A shop needs at least one owner.');
  }
  await services.shops.removeMember(shopId, userId);
  services.log.info('member removed', { shopId, userId, by });
}
