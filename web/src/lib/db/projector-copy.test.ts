import { productDoc } from '@stallkeeper/shared/fixtures';
import { describe, expect, it } from 'vitest';
import { openTestShop, settle } from './testing.ts';

const actor = { userId: 'user-pc-1', userName: 'Owner', deviceId: 'dev-pc-1' };

/** A server revision of `doc` as the replicator stores it. */
const revision = <T extends { _id: string }>(doc: T, rev: string, over: object = {}) => ({
  ...doc,
  ...over,
  _rev: rev,
  _revisions: { start: Number(rev.split('-')[0]), ids: [rev.split('-')[1] ?? ''] },
});

describe('a first copy and the changes feed', () => {
  it('the feed skips a revision the copy projected, and applies any other', async () => {
    const ctx = await openTestShop(actor);
    const copied = { ...productDoc({ name: 'Copied jam' }), _rev: '2-aaaa' };
    const other = { ...productDoc({ name: 'Other jam' }), _rev: '2-bbbb' };
    await ctx.projector.projectAhead([copied, other], [copied, other]).committed;
    expect((await ctx.local.products.get(copied._id))?.name).toBe('Copied jam');

    // The copy writes the same revisions into the replica. Here their content differs
    // from what was projected, to see which the feed applies: a skipped one stays.
    await ctx.pouch.bulkDocs(
      [
        revision(copied, '2-aaaa', { name: 'Feed jam' }),
        revision(other, '2-cccc', { name: 'Newer other jam' }),
      ],
      { new_edits: false },
    );
    await settle(ctx);
    expect((await ctx.local.products.get(copied._id))?.name).toBe('Copied jam');
    expect((await ctx.local.products.get(other._id))?.name).toBe('Newer other jam');

    // Each revision is skipped once: a later revision of the same product is applied.
    await ctx.pouch.bulkDocs(
      [
        {
          ...copied,
          name: 'Edited jam',
          _rev: '3-dddd',
          _revisions: { start: 3, ids: ['dddd', 'aaaa'] },
        },
      ],
      { new_edits: false },
    );
    await settle(ctx);
    expect((await ctx.local.products.get(copied._id))?.name).toBe('Edited jam');
    await ctx.close();
  });

  it("a copy's next page begins while the last one commits, and lands after it", async () => {
    const ctx = await openTestShop(actor);
    const jam = productDoc({ name: 'Jam' });
    const events: string[] = [];
    const a = ctx.projector.projectAhead([{ ...jam, name: 'Jam v1', _rev: '1-aaaa' }], []);
    void a.started.then(() => events.push('a started'));
    void a.committed.then(() => events.push('a committed'));
    await a.started;
    const b = ctx.projector.projectAhead([{ ...jam, name: 'Jam v2', _rev: '2-bbbb' }], []);
    void b.started.then(() => events.push('b started'));
    void b.committed.then(() => events.push('b committed'));
    await ctx.projector.idle(); // waits for both commits
    expect(events).toEqual(['a started', 'b started', 'a committed', 'b committed']);
    expect((await ctx.local.products.get(jam._id))?.name).toBe('Jam v2');
    await ctx.close();
  });
});
