import type { Observable, Observer } from 'dexie';
import { describe, expect, it } from 'vitest';
import { both, shareLatest } from './live-steps.ts';

/** A hand-driven observable: `emit` sends to every subscriber; counts subscriptions. */
function subject<T>() {
  const observers = new Set<Observer<T>>();
  let subscriptions = 0;
  const observable: Observable<T> = {
    subscribe(o) {
      const observer = typeof o === 'function' ? { next: o } : (o ?? {});
      observers.add(observer);
      subscriptions++;
      return {
        unsubscribe: () => void observers.delete(observer),
        closed: false,
      };
    },
    [Symbol.observable]() {
      return this;
    },
  };
  return {
    observable,
    emit: (v: T) => observers.forEach((o) => o.next?.(v)),
    fail: (err: unknown) => observers.forEach((o) => o.error?.(err)),
    listeners: () => observers.size,
    subscriptions: () => subscriptions,
  };
}

describe('shareLatest', () => {
  it('reads its source once, replays the latest value, and stops when closed', () => {
    const src = subject<number>();
    const shared = shareLatest(src.observable);
    src.emit(1);
    const a: number[] = [];
    const b: number[] = [];
    const subA = shared.subscribe((v) => a.push(v));
    src.emit(2);
    subA.unsubscribe();
    shared.subscribe((v) => b.push(v));
    src.emit(3);
    expect(a).toEqual([1, 2]);
    expect(b).toEqual([2, 3]);
    expect(src.subscriptions()).toBe(1);
    shared.close();
    expect(src.listeners()).toBe(0);
  });

  it('hands a failure to present and later subscribers', () => {
    const src = subject<number>();
    const shared = shareLatest(src.observable);
    const errors: unknown[] = [];
    shared.subscribe({ error: (e: unknown) => errors.push(e) });
    src.fail('broken');
    shared.subscribe({ error: (e: unknown) => errors.push(e) });
    expect(errors).toEqual(['broken', 'broken']);
  });
});

describe('both', () => {
  it('waits for a value from each, then gives the latest pair on every change', () => {
    const a = subject<string>();
    const b = subject<number>();
    const seen: [string, number][] = [];
    const sub = both(a.observable, b.observable).subscribe((v) => seen.push(v));
    a.emit('x');
    expect(seen).toEqual([]);
    b.emit(1);
    a.emit('y');
    b.emit(2);
    expect(seen).toEqual([
      ['x', 1],
      ['y', 1],
      ['y', 2],
    ]);
    sub.unsubscribe();
    expect(a.listeners() + b.listeners()).toBe(0);
  });

  it('passes on the first failure and lets go of both', () => {
    const a = subject<string>();
    const b = subject<number>();
    const errors: unknown[] = [];
    both(a.observable, b.observable).subscribe({ error: (e: unknown) => errors.push(e) });
    b.fail('gone');
    expect(errors).toEqual(['gone']);
    expect(a.listeners() + b.listeners()).toBe(0);
  });
});
