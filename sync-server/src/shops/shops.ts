import { ulid, type Role } from '@stallkeeper/shared';
import { ReadCache } from '../auth/read-cache.ts';
import { getOrNull, listByPrefix } from '../system-db.ts';

export interface ShopRecord {
  _id: string; // shop:<id>
  type: 'shop';
  id: string;
  name: string;
  createdAt: string;
  createdBy: string;
}

export interface MemberRecord {
  _id: string; // member:<shopId>:<userId>
  _rev?: string;
  type: 'member';
  shopId: string;
  userId: string;
  role: Role;
  joinedAt: string;
}

export interface ShopSummary {
  id: string;
  name: string;
  role: Role;
}

const memberKey = (shopId: string, userId: string) => `member:${shopId}:${userId}`;
/** Reverse index so a user's shops are one range read. */
const userShopKey = (userId: string, shopId: string) => `usershop:${userId}:${shopId}`;

export class Shops {
  readonly #roles: ReadCache<Role | null>;

  /** `cacheMs`: how long a membership answer may be reused (0: read every time). */
  constructor(
    private readonly db: PouchDB.Database,
    cacheMs = 0,
  ) {
    this.#roles = new ReadCache(cacheMs);
  }

  async create(name: string, ownerId: string): Promise<ShopRecord> {
    const id = ulid().toLowerCase();
    const shop: ShopRecord = {
      _id: `shop:${id}`,
      type: 'shop',
      id,
      name,
      createdAt: new Date().toISOString(),
      createdBy: ownerId,
    };
    await this.db.put(shop);
    await this.addMember(id, ownerId, 'owner');
    return shop;
  }

  async byId(shopId: string): Promise<ShopRecord | null> {
    return getOrNull<ShopRecord>(this.db, `shop:${shopId}`);
  }

  async addMember(shopId: string, userId: string, role: Role): Promise<void> {
    const existing = await getOrNull<MemberRecord>(this.db, memberKey(shopId, userId));
    const member: MemberRecord = {
      _id: memberKey(shopId, userId),
      ...(existing?._rev ? { _rev: existing._rev } : {}),
      type: 'member',
      shopId,
      userId,
      role,
      joinedAt: existing?.joinedAt ?? new Date().toISOString(),
    };
    const ref = {
      _id: userShopKey(userId, shopId),
      type: 'usershop',
      ...(await this.#revOf(userShopKey(userId, shopId))),
    };
    await this.#roles.writing(() => this.db.bulkDocs([member, ref]));
  }

  async #revOf(id: string): Promise<{ _rev?: string }> {
    const doc = await getOrNull<object>(this.db, id);
    return doc ? { _rev: doc._rev } : {};
  }

  /** The member's role in a shop, or null when they are not (or no longer) a member. */
  async roleOf(shopId: string, userId: string): Promise<Role | null> {
    return this.#roles.get(`${shopId}|${userId}`, async () => {
      const m = await getOrNull<MemberRecord>(this.db, memberKey(shopId, userId));
      return m ? m.role : null;
    });
  }

  async forUser(userId: string): Promise<ShopSummary[]> {
    const refs = await listByPrefix<object>(this.db, `usershop:${userId}:`);
    const out: ShopSummary[] = [];
    for (const ref of refs) {
      const shopId = ref._id.slice(`usershop:${userId}:`.length);
      const [shop, role] = await Promise.all([this.byId(shopId), this.roleOf(shopId, userId)]);
      if (shop && role) out.push({ id: shop.id, name: shop.name, role });
    }
    return out;
  }

  async members(shopId: string): Promise<MemberRecord[]> {
    return listByPrefix<MemberRecord>(this.db, `member:${shopId}:`);
  }

  /** Ends a membership: the member's very next request to the shop is refused. */
  async removeMember(shopId: string, userId: string): Promise<void> {
    for (const id of [memberKey(shopId, userId), userShopKey(userId, shopId)]) {
      const doc = await getOrNull<object>(this.db, id);
      if (doc) await this.#roles.writing(() => this.db.remove(doc._id, doc._rev));
    }
  }

  async rename(shopId: string, name: string): Promise<void> {
    const shop = await getOrNull<ShopRecord>(this.db, `shop:${shopId}`);
    if (shop) await this.db.put({ ...shop, name });
  }

  /** Removes the shop record and every membership (the database is destroyed by the caller). */
  async remove(shopId: string): Promise<void> {
    for (const m of await this.members(shopId)) await this.removeMember(shopId, m.userId);
    const shop = await getOrNull<ShopRecord>(this.db, `shop:${shopId}`);
    if (shop) await this.#roles.writing(() => this.db.remove(shop._id, shop._rev));
  }
}
