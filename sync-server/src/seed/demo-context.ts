import { createUlidGenerator, type AuditEntry, type ShopDoc } from '@stallkeeper/shared';
import type { Rng } from './rng.ts';

export interface DemoPeople {
  ownerId: string;
  sellerId: string;
  /** the names their activity-log entries carry */
  ownerName?: string;
  sellerName?: string;
}

/** The demo's devices: the seller's phone at the stall, the owner's phone and laptop. */
export const DEVICES = {
  stall: 'demo-phone-1',
  ownerPhone: 'demo-phone-2',
  laptop: 'demo-laptop',
} as const;

export const iso = (t: number): string => new Date(t).toISOString();

/**
 * Collects a generated shop's documents with the moment each was written, and hands
 * them back in that order: the server's resolver then meets restocks, sales and their
 * events in the order they happened, as it would have live.
 */
export class DemoWriter {
  private readonly timed: { t: number; doc: ShopDoc }[] = [];
  private readonly names: Record<string, string>;

  constructor(
    readonly rng: Rng,
    readonly now: number,
    /** write the activity log (and what people did after the sales) */
    readonly activity: boolean,
    readonly people: DemoPeople,
  ) {
    this.names = {
      [people.ownerId]: people.ownerName ?? 'Olivia Owner',
      [people.sellerId]: people.sellerName ?? 'Sam Seller',
    };
  }

  /** A ULID for a moment (not monotonic: documents are made out of time order). */
  id(t: number): string {
    return createUlidGenerator((n) => this.rng.bytes(n))(t);
  }

  push(t: number, doc: ShopDoc): void {
    this.timed.push({ t, doc });
  }

  /** The activity-log entry the app writes alongside what a person did. */
  audit(
    t: number,
    by: string,
    deviceId: string,
    action: string,
    target: string,
    summary: string,
    after: Record<string, unknown>,
  ): void {
    if (!this.activity) return;
    const entry: AuditEntry = {
      _id: `audit:${this.id(t)}`,
      type: 'audit',
      action,
      target,
      summary: summary.slice(0, 500),
      userName: this.names[by] ?? 'Someone',
      before: null,
      after,
      at: iso(t),
      by,
      deviceId,
    };
    this.push(t, entry);
  }

  /** Everything written, oldest first (ties keep the order they were written in). */
  docs(): ShopDoc[] {
    return this.timed.sort((a, b) => a.t - b.t).map((x) => x.doc);
  }
}
