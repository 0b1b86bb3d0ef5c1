import { describe, expect, it } from 'vitest';
import { withLeafHistory } from './revisions.ts';

describe('withLeafHistory', () => {
  it('gives a revision its own history and drops conflict lists', () => {
    const doc = { _id: 'x', _rev: '12-abc', _conflicts: ['12-def'], a: 1 };
    expect(withLeafHistory(doc)).toEqual({
      _id: 'x',
      _rev: '12-abc',
      a: 1,
      _revisions: { start: 12, ids: ['abc'] },
    });
  });
});
