import { describe, expect, it } from 'vitest';
import { homeScreen, mayResolveAlerts, maySee, runsShop, SCREENS, screenOf } from './access.ts';

describe('who sees which screen (from the write table)', () => {
  it('gives an owner every screen', () => {
    expect(SCREENS.filter((s) => maySee('owner', s.id)).map((s) => s.id)).toEqual([
      'sell',
      'orders',
      'deliveries',
      'invoices',
      'products',
      'customers',
      'dashboard',
      'reports',
      'alerts',
      'activity',
      'team',
      'settings',
    ]);
    expect(runsShop('owner')).toBe(true);
    expect(mayResolveAlerts('owner')).toEqual({ accept: true, count: true });
  });

  it("keeps the owner's screens from a seller", () => {
    expect(SCREENS.filter((s) => maySee('seller', s.id)).map((s) => s.id)).toEqual([
      'sell',
      'orders',
      'deliveries',
      'invoices',
      'products',
      'customers',
      'dashboard',
      'reports',
      'settings',
    ]);
    expect(runsShop('seller')).toBe(false);
    expect(mayResolveAlerts('seller')).toEqual({ accept: false, count: false });
  });

  it('shows nothing to nobody', () => {
    expect(SCREENS.some((s) => maySee(null, s.id))).toBe(false);
    expect(runsShop(null)).toBe(false);
  });

  it('knows the screen of a path, detail pages included', () => {
    expect(screenOf('/orders')?.id).toBe('orders');
    expect(screenOf('/orders/order:01JD')?.id).toBe('orders');
    expect(screenOf('/team')?.id).toBe('team');
    expect(screenOf('/teams')).toBeNull();
    expect(screenOf('/login')).toBeNull();
    expect(screenOf('/')).toBeNull();
  });

  it('lands an owner on the dashboard and a seller on the till', () => {
    expect(homeScreen('owner').path).toBe('/dashboard');
    expect(homeScreen('seller').path).toBe('/sell');
    expect(homeScreen(null).path).toBe('/sell');
  });
});
