import { isoNow } from '@stallkeeper/shared';
import {
  auditEntry,
  lastChainCheck,
  lastVerifiedEntry,
  saveChainCheck,
  type ActivityEntry,
  type ChainCheck,
  type ChainResult,
} from '../db/activity.ts';
import type { ShopContext } from '../db/shop.ts';
import { fetchChain } from './chain.ts';

/**
 * The audit chain's state on the Activity screen: the server's check when online,
 * else the last one this device kept, and the entry it names (the last verified, or
 * the one that broke).
 */
export class ChainStatus {
  check = $state<ChainCheck | null>(null);
  entry = $state<ActivityEntry | null>(null);
  /** the check is the server's answer just now (not one kept from before) */
  fresh = $state(false);
  loading = $state(false);

  constructor(private readonly verify: (shopId: string) => Promise<ChainResult> = fetchChain) {}

  async load(ctx: ShopContext, now = isoNow): Promise<void> {
    this.loading = true;
    try {
      await this.#show(ctx, await lastChainCheck(ctx), false);
      // Offline, server down or refused: the kept answer stays on screen, marked as old.
      const result = await this.verify(ctx.shopId).catch(() => null);
      if (!result) return;
      const check = { result, checkedAt: now() };
      await saveChainCheck(ctx, check);
      await this.#show(ctx, check, true);
    } finally {
      this.loading = false;
    }
  }

  async #show(ctx: ShopContext, check: ChainCheck | null, fresh: boolean): Promise<void> {
    this.entry = !check
      ? null
      : check.result.ok
        ? await lastVerifiedEntry(ctx, check)
        : await auditEntry(ctx, check.result.auditId);
    this.check = check;
    this.fresh = fresh;
  }
}
