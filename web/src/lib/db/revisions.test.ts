import { describe, expect, it } from 'vitest';
import { firstRevision, withLeafHistory } from './revisions.ts';

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

describe('firstRevision', () => {
  it('gives a new document a first revision with its history, different each time', () => {
    const a = firstRevision({ _id: 'order:1', total: 5 });
    expect(a._rev).toMatch(/^1-[0-9a-f]{32}$/);
    expect(a._revisions).toEqual({ start: 1, ids: [a._rev.slice(2)] });
    expect(a.total).toBe(5);
    expect(firstRevision({ _id: 'order:1' })._rev).not.toBe(a._rev);
  });
});
