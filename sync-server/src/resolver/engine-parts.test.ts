import { applyDoc, emptyEngine, type EngineState } from '@stallkeeper/shared';
import { scenarioArb } from '@stallkeeper/shared/engine-world';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TrackedEngine } from './engine-parts.ts';

/** The state as plain data (optional sections present, as a tracked engine has them). */
const plain = (s: EngineState) => {
  const copy = JSON.parse(JSON.stringify(s)) as EngineState;
  copy.units ??= {};
  copy.amendments ??= {};
  copy.handedOver ??= {};
  copy.online ??= {};
  return copy;
};

describe('the resolver state in parts', () => {
  it('saving only what changed, at any points, rebuilds the state an untracked engine reaches', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        ({ arrival }, saveAfter) => {
          const reference = emptyEngine();
          const tracked = new TrackedEngine(emptyEngine());
          const saved = new Map<string, string>();
          const save = () => {
            const { puts, dels } = tracked.takeChanges();
            for (const name of dels) saved.delete(name);
            for (const [name, json] of puts) saved.set(name, json);
          };
          arrival.forEach((doc, i) => {
            const copy = JSON.parse(JSON.stringify(doc)) as typeof doc;
            expect(applyDoc(tracked.state, copy)).toEqual(applyDoc(reference, doc));
            if (saveAfter[i % saveAfter.length]) save();
          });
          save();
          expect(tracked.pending).toBe(0);
          const rebuilt = TrackedEngine.fromParts(saved, tracked.lowDefault);
          expect(plain(rebuilt.state)).toEqual(plain(reference));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a save writes the entries a document touched, not the whole shop', () => {
    fc.assert(
      fc.property(scenarioArb, ({ arrival }) => {
        const tracked = new TrackedEngine(emptyEngine());
        for (const doc of arrival) applyDoc(tracked.state, doc);
        tracked.takeChanges();
        const last = arrival.at(-1);
        if (!last) return;
        applyDoc(tracked.state, JSON.parse(JSON.stringify(last)) as typeof last);
        // one document touches its order, its products' entries and little else
        expect(tracked.pending).toBeLessThanOrEqual(40);
      }),
      { numRuns: 50 },
    );
  });

  it('a failed save is not lost: after markAll every part is written again', () => {
    const tracked = new TrackedEngine(emptyEngine());
    tracked.state.ledger['product:a'] = 3;
    tracked.state.seen['order:x'] = true;
    expect(tracked.takeChanges().puts).toHaveLength(2);
    expect(tracked.takeChanges().puts).toHaveLength(0);
    tracked.markAll();
    const names = tracked.takeChanges().puts.map(([name]) => name);
    expect(names.sort()).toEqual(['codes', 'ledger\u0000product:a', 'seen\u0000order:x']);
  });

  it('a deleted entry is deleted from the saved parts', () => {
    const tracked = new TrackedEngine(emptyEngine());
    tracked.state.online = { 'order:a': true };
    tracked.takeChanges();
    delete tracked.state.online['order:a'];
    expect(tracked.takeChanges().dels).toEqual(['online\u0000order:a']);
  });
});
