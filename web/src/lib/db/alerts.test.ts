import { alertDoc } from '@stallkeeper/shared/fixtures';
import { describe, expect, it } from 'vitest';
import { acknowledge } from './alerts.ts';
import { openTestShop } from './testing.ts';

const actor = { userId: 'user-al-1', userName: 'Owner', deviceId: 'dev-al-1' };

const openShop = () => openTestShop(actor);

describe('acknowledging an alert', () => {
  it('adopts an alert a first sync copied into the read model, and edits the server revision', async () => {
    const ctx = await openShop();
    // As a new device's copy leaves it: in the read model only, at the server's revision.
    const copied = { ...alertDoc({ kind: 'oversell' }), _rev: '3-abc123' };
    await ctx.projector.project([copied]);
    await expect(ctx.pouch.get(copied._id)).rejects.toMatchObject({ status: 404 });

    await acknowledge(ctx, copied._id, 'Counted, all fine');
    const held = await ctx.pouch.get(copied._id, { revs: true });
    // The edit is the copied revision's child: the server takes it as an update.
    expect(held._rev.startsWith('4-')).toBe(true);
    expect(held._revisions?.ids[1]).toBe('abc123');
    expect(held).toMatchObject({ resolution: 'Counted, all fine', acknowledgedBy: actor.userId });
    await new Promise((r) => setTimeout(r, 60));
    await ctx.projector.idle();
    expect(await ctx.local.alerts.get(copied._id)).toMatchObject({ open: 0, _rev: held._rev });
    expect(await ctx.local.outbox.get(copied._id)).toMatchObject({ rev: held._rev });
    await ctx.close();
  });

  it('does nothing for an alert this device does not know', async () => {
    const ctx = await openShop();
    await acknowledge(ctx, 'alert:oversell:unknown', 'x');
    expect(await ctx.local.outbox.count()).toBe(0);
    await ctx.close();
  });
});
