import { describe, expect, it } from 'vitest';
import { runChaos } from './chaos.ts';

describe('chaos: devices selling offline while the server is killed', () => {
  it('5 devices × 100 sales with 2 SIGKILLs converge with nothing lost, duplicated or unresolved', async () => {
    const seed = Number(process.env.CHAOS_SEED ?? 20261121);
    const result = await runChaos({
      devices: 5,
      salesPerDevice: 100,
      kills: 2,
      products: 6,
      seed,
      log: (l) => console.log(l),
    });
    const { cookie: _c, ...figures } = result;
    console.log(JSON.stringify(figures, null, 2));
    expect(result.kills).toBe(2);
    expect(result.sales).toBe(500);
    expect(result.ordersOnServer).toBe(result.sales);
    expect(result.mismatches).toEqual([]);
    expect(result.replicasIdentical).toBe(true);
    expect(result.stockMatches).toBe(true);
    expect(result.unresolvedConflicts).toBe(0);
    expect(result.ordersWithoutAllocation).toBe(0);
    expect(result.audit.ok).toBe(true);
    expect(result.audit.entries).toBe(result.auditEntriesOnServer);
  }, 300_000);
});
