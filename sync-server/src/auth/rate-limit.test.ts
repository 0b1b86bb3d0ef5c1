import { describe, expect, it } from 'vitest';
import { Backoff, type BackoffPolicy } from './rate-limit.ts';

const POLICY: BackoffPolicy = {
  free: 3,
  firstDelayMs: 1000,
  maxDelayMs: 300_000,
  forgetMs: 3_600_000,
  maxKeys: 1000,
};

function setup(policy: Partial<BackoffPolicy> = {}) {
  const clock = { now: 1_000_000 };
  const backoff = new Backoff({ ...POLICY, ...policy }, () => clock.now);
  return { clock, backoff };
}

describe('Backoff', () => {
  it('lets the free failures through, then doubles the wait up to the cap', () => {
    const { clock, backoff } = setup();
    const waits: number[] = [];
    for (let i = 0; i < 14; i++) {
      const wait = backoff.charge('k');
      if (wait > 0) {
        waits.push(wait);
        clock.now += wait * 1000;
        i -= 1; // not counted: try again after the wait
      }
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300]);
  });

  it('counts nothing while the key must wait', () => {
    const { clock, backoff } = setup();
    for (let i = 0; i < 3; i++) expect(backoff.charge('k')).toBe(0);
    for (let i = 0; i < 20; i++) expect(backoff.charge('k')).toBe(1);
    clock.now += 1000;
    expect(backoff.charge('k')).toBe(0);
    expect(backoff.retryAfter('k')).toBe(2); // the fourth failure, not the 24th
  });

  it('rounds a part of a second up', () => {
    const { clock, backoff } = setup();
    for (let i = 0; i < 4; i++) backoff.fail('k');
    clock.now += 1500;
    expect(backoff.retryAfter('k')).toBe(1);
    clock.now += 499;
    expect(backoff.retryAfter('k')).toBe(1);
    clock.now += 1;
    expect(backoff.retryAfter('k')).toBe(0);
  });

  it('keeps keys apart, and reset starts a key over', () => {
    const { backoff } = setup();
    for (let i = 0; i < 5; i++) backoff.fail('a');
    expect(backoff.retryAfter('a')).toBe(4);
    expect(backoff.retryAfter('b')).toBe(0);
    backoff.reset('a');
    expect(backoff.retryAfter('a')).toBe(0);
    expect(backoff.charge('a')).toBe(0);
  });

  it('forgets a key after a quiet hour', () => {
    const { clock, backoff } = setup();
    for (let i = 0; i < 12; i++) backoff.fail('k');
    expect(backoff.retryAfter('k')).toBe(300);
    clock.now += 3_600_001;
    expect(backoff.retryAfter('k')).toBe(0);
    backoff.fail('k');
    expect(backoff.retryAfter('k')).toBe(0); // one failure since: free again
  });

  it('counts each member once per key, and forgive takes one back', () => {
    const { backoff } = setup();
    for (let i = 0; i < 50; i++) backoff.fail('address', 'same-account');
    expect(backoff.retryAfter('address')).toBe(0);
    backoff.fail('address', 'second');
    backoff.fail('address', 'third');
    expect(backoff.retryAfter('address')).toBe(1);
    backoff.forgive('address', 'third');
    expect(backoff.retryAfter('address')).toBe(0);
    backoff.forgive('address', 'never-failed');
    backoff.fail('address', 'third');
    expect(backoff.retryAfter('address')).toBe(1);
  });

  it('stays bounded: old keys are swept, and never more than maxKeys are held', () => {
    const { clock, backoff } = setup({ maxKeys: 100 });
    for (let i = 0; i < 80; i++) backoff.fail(`old-${i}`);
    clock.now += 3_600_001;
    backoff.fail('new');
    expect(backoff.size).toBe(1);
    for (let i = 0; i < 500; i++) backoff.fail(`flood-${i}`);
    expect(backoff.size).toBe(100);
    // the most recent keys are the ones kept: flood-499 still has its first failure
    for (let i = 0; i < 3; i++) backoff.fail('flood-499');
    expect(backoff.retryAfter('flood-499')).toBe(2);
    for (let i = 0; i < 3; i++) backoff.fail('flood-0');
    expect(backoff.retryAfter('flood-0')).toBe(1); // dropped: three failures, not four
  });

  it('keeps at most a bounded number of members per key', () => {
    const { backoff } = setup({ free: 2 });
    for (let i = 0; i < 10_000; i++) backoff.fail('address', `account-${i}`);
    expect(backoff.retryAfter('address')).toBe(300);
  });

  it('refuses a policy that would forget a key while it still has to wait', () => {
    expect(() => new Backoff({ ...POLICY, forgetMs: 1000 })).toThrow(/forgetMs/);
  });
});
