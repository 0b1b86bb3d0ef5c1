import { describe, expect, it } from 'vitest';
import { EngineBudget, type EngineHolder } from './engine-budget.ts';

/** A resolver as the budget sees it: rests unless busy, and tells the budget when it did. */
function holder(budget: EngineBudget, name: string, log: string[], busy = false) {
  const h: EngineHolder & { busy: boolean } = {
    busy,
    restNow() {
      if (h.busy) return false;
      log.push(name);
      budget.released(h);
      return true;
    },
  };
  return h;
}

describe('the engines’ memory budget', () => {
  it('rests the least recently used engines once over, never the one just used, never a busy one', () => {
    const budget = new EngineBudget(100);
    const rested: string[] = [];
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((n) => holder(budget, n, rested));
    budget.used(a!, 40);
    budget.used(b!, 40);
    expect(rested).toEqual([]);
    budget.used(a!, 40); // a is now the most recent
    budget.used(c!, 40); // 120 > 100: b, least recent, rests
    expect(rested).toEqual(['b']);
    expect(budget.totalBytes).toBe(80);
    expect(budget.engines).toBe(2);

    a!.busy = true; // a is deciding: c's growth rests nothing else but a... which is busy
    budget.used(c!, 70);
    expect(rested).toEqual(['b']);
    expect(budget.totalBytes).toBe(110);

    a!.busy = false;
    budget.used(d!, 500); // alone over the budget: every other rests, d stays
    expect(rested).toEqual(['b', 'a', 'c']);
    expect(budget.engines).toBe(1);
    expect(budget.totalBytes).toBe(500);
    budget.released(d!);
    budget.released(d!); // twice is harmless
    expect(budget.totalBytes).toBe(0);
  });

  it('reads back at most two engines at once; the others wait their turn, in order', async () => {
    const budget = new EngineBudget(100);
    const running: string[] = [];
    const done: string[] = [];
    const gates = new Map<string, () => void>();
    const read = (name: string) =>
      budget.readBack(async () => {
        running.push(name);
        await new Promise<void>((r) => gates.set(name, r));
        running.splice(running.indexOf(name), 1);
        done.push(name);
        return name;
      });
    const reads = ['a', 'b', 'c', 'd'].map(read);
    await Promise.resolve();
    expect(running).toEqual(['a', 'b']);
    expect(budget.queued).toBe(2);
    gates.get('b')?.();
    await reads[1];
    await new Promise((r) => setTimeout(r, 0));
    expect(running).toEqual(['a', 'c']);
    gates.get('a')?.();
    gates.get('c')?.();
    await Promise.all(reads.slice(0, 3));
    await new Promise((r) => setTimeout(r, 0));
    expect(running).toEqual(['d']);
    gates.get('d')?.();
    expect(await Promise.all(reads)).toEqual(['a', 'b', 'c', 'd']);
    expect(done).toEqual(['b', 'a', 'c', 'd']);
    // a failed read gives its turn back: two more start at once
    await expect(budget.readBack(() => Promise.reject(new Error('disk')))).rejects.toThrow('disk');
    const more = [read('e'), read('f')];
    await Promise.resolve();
    expect(running).toEqual(['e', 'f']);
    expect(budget.queued).toBe(0);
    for (const name of ['e', 'f']) gates.get(name)?.();
    expect(await Promise.all(more)).toEqual(['e', 'f']);
  });
});
