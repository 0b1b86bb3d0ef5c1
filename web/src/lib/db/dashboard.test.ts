import { describe, expect, it } from 'vitest';
import { liveDashboard } from './dashboard.ts';
import { deviceLocalTime } from './reports.ts';
import { addProduct, cashSale, firstValue, openTestShop, settle, TEST_ACTOR } from './testing.ts';

describe('the dashboard', () => {
  it('shows today and the last 7 days as the reports count them', async () => {
    const ctx = await openTestShop();
    const p = await addProduct(ctx, { price: 250 });
    const sale = await cashSale(ctx, p, 2);
    await cashSale(ctx, p, 1);
    await settle(ctx);

    const f = await firstValue(liveDashboard(ctx, null, 5));
    expect(f).toMatchObject({ todayCount: 2, todayRevenue: 750 });
    expect(f.recent.map((o) => o.total)).toEqual([250, 500]);
    expect(f.week).toHaveLength(7);
    expect(f.week.at(-1)).toEqual({
      day: deviceLocalTime().dayOf(sale.createdAt),
      revenue: 750,
      orders: 2,
    });
    expect(f.week.slice(0, 6).every((d) => d.revenue === 0 && d.orders === 0)).toBe(true);

    // a seller's dashboard holds their own sales only
    const theirs = await firstValue(liveDashboard(ctx, 'someone-else', 5));
    expect(theirs).toMatchObject({ todayCount: 0, todayRevenue: 0, recent: [] });
    expect((await firstValue(liveDashboard(ctx, TEST_ACTOR.userId, 5))).todayCount).toBe(2);
    await ctx.close();
  });
});
