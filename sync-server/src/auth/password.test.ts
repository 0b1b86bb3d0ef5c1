import { afterEach, describe, expect, it, vi } from 'vitest';
import { passwordWeakness, STRENGTH_IDLE_MS, strengthCheckerHeld } from './password.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('passwordWeakness', () => {
  it('refuses a guessable password and takes a strong one', () => {
    expect(passwordWeakness('password123')).toMatch(/too easy to guess/);
    expect(passwordWeakness('olga.smith99', ['olga.smith@example.com'])).toMatch(/too easy/);
    expect(passwordWeakness('short')).toMatch(/at least 10 characters/);
    expect(passwordWeakness('violet-tractor-mango-42')).toBeNull();
  });

  it('keeps the dictionaries only while passwords are being judged', () => {
    vi.useFakeTimers();
    expect(passwordWeakness('violet-tractor-mango-42')).toBeNull();
    expect(strengthCheckerHeld()).toBe(true);
    vi.advanceTimersByTime(STRENGTH_IDLE_MS - 1);
    // a second check keeps them another minute
    expect(passwordWeakness('password123')).toMatch(/too easy/);
    vi.advanceTimersByTime(STRENGTH_IDLE_MS - 1);
    expect(strengthCheckerHeld()).toBe(true);
    vi.advanceTimersByTime(1);
    expect(strengthCheckerHeld()).toBe(false);
    // and judges the same once built again
    expect(passwordWeakness('password123')).toMatch(/too easy/);
    expect(strengthCheckerHeld()).toBe(true);
  });
});
