import { describe, expect, it } from 'vitest';
import { SeqIndex } from './seq-index.ts';

/** 1,000 documents, each written three times: the last write of each is current. */
function rewritten() {
  const index = new SeqIndex();
  const current = new Map<string, number>();
  let seq = 0;
  for (let round = 0; round < 3; round++) {
    for (let d = 0; d < 1000; d++) {
      const id = `doc${d}`;
      index.push(++seq, id, round > 0);
      current.set(id, seq);
    }
  }
  const isCurrent = (s: number, id: string) => current.get(id) === s;
  return { index, isCurrent };
}

describe('SeqIndex', () => {
  it('lists each document once, at its last change, after a given sequence', () => {
    const { index, isCurrent } = rewritten();
    const all = [...index.from(0, false, isCurrent)];
    expect(all).toHaveLength(1000);
    expect(all[0]).toEqual([2001, 'doc0']);
    expect([...index.from(2500, false, isCurrent)].map(([s]) => s)[0]).toBe(2501);
    expect([...index.from(0, true, isCurrent)][0]).toEqual([3000, 'doc999']);
  });

  it('a walk under way is not disturbed by a sweep another walk starts', () => {
    const index = new SeqIndex();
    const current = new Map<string, number>();
    const isCurrent = (s: number, id: string) => current.get(id) === s;
    let seq = 0;
    const write = (id: string, replaces: boolean) => {
      index.push(++seq, id, replaces);
      current.set(id, seq);
    };
    for (let d = 0; d < 1000; d++) write(`doc${d}`, false);
    const first = index.from(0, false, isCurrent); // nothing stale yet: no sweep
    const seen: [number, string][] = [];
    const head = first.next();
    if (!head.done) seen.push(head.value);
    // every document is written twice more while the walk pauses...
    for (let round = 0; round < 2; round++) for (let d = 0; d < 1000; d++) write(`doc${d}`, true);
    // ...and a second reader starts, sweeping the 2,000 stale entries out
    expect([...index.from(0, false, isCurrent)]).toHaveLength(1000);
    for (let next = first.next(); !next.done; next = first.next()) seen.push(next.value);
    // the paused walk still sees every document at its last change
    expect(seen.slice(1).map(([, id]) => id)).toEqual(
      Array.from({ length: 1000 }, (_, d) => `doc${d}`),
    );
  });
});
