import { liveQuery } from 'dexie';
import type { ShopContext } from './shop.ts';

export interface OutboxWatch {
  /** local changes not yet on the server */
  pending: (count: number) => void;
  /** changes the server refused, with its reason */
  refused: (rows: { id: string; reason: string }[]) => void;
}

/** Follow the device's outbox; returns the unsubscribe. */
export function watchOutbox(ctx: ShopContext, watch: OutboxWatch): () => void {
  const subs = [
    liveQuery(() => ctx.local.outbox.filter((o) => o.refused === null).count()).subscribe(
      watch.pending,
    ),
    liveQuery(() => ctx.local.outbox.filter((o) => o.refused !== null).toArray()).subscribe(
      (rows) => watch.refused(rows.map((r) => ({ id: r.id, reason: r.refused ?? '' }))),
    ),
  ];
  return () => {
    for (const s of subs) s.unsubscribe();
  };
}
