import { canWrite, type DocKind, type Role, type WriteOp } from '@stallkeeper/shared';

/** The signed-in screens, in the order the navigation lists them. */
export const SCREENS = [
  { id: 'sell', path: '/sell', label: 'Sell' },
  { id: 'orders', path: '/orders', label: 'Orders' },
  { id: 'products', path: '/products', label: 'Products' },
  { id: 'customers', path: '/customers', label: 'Customers' },
  { id: 'dashboard', path: '/dashboard', label: 'Dashboard' },
  { id: 'alerts', path: '/alerts', label: 'Alerts' },
  { id: 'activity', path: '/activity', label: 'Activity' },
  { id: 'team', path: '/team', label: 'Team' },
] as const;
export type Screen = (typeof SCREENS)[number];
export type ScreenId = Screen['id'];

export const ROLE_LABEL: Record<Role, string> = { owner: 'Owner', seller: 'Seller' };

const may = (role: Role, kind: DocKind, op: WriteOp) => canWrite(role, kind, op).allowed;

/**
 * Runs the shop: may change its settings. The write table has no word for
 * "owner"; this is the rule the screens use for shop-wide views.
 */
export function runsShop(role: Role | null): boolean {
  return role !== null && may(role, 'settings', 'update');
}

/**
 * Who may open a screen, derived from the write table in shared/permissions.ts:
 * a screen is for whoever may do its work. (A `canSee` rule to move into shared.)
 */
const SEES: Record<ScreenId, (role: Role) => boolean> = {
  sell: (r) => may(r, 'order', 'create'),
  orders: (r) => may(r, 'orderevent', 'create'),
  products: () => true,
  customers: () => true,
  dashboard: () => true,
  // Alerts are there to be resolved: for whoever may acknowledge them.
  alerts: (r) => may(r, 'alert', 'update'),
  // Everyone's actions and the team: for whoever runs the shop.
  activity: runsShop,
  team: runsShop,
};

export function maySee(role: Role | null, screen: ScreenId): boolean {
  return role !== null && SEES[screen](role);
}

/** The screen a path belongs to (`/orders/order:…` → orders), or null. */
export function screenOf(pathname: string): Screen | null {
  return SCREENS.find((s) => pathname === s.path || pathname.startsWith(`${s.path}/`)) ?? null;
}

/** Where a role lands: the shop's day for who runs it, the till for everyone else. */
export function homeScreen(role: Role | null): Screen {
  const id: ScreenId = runsShop(role) ? 'dashboard' : 'sell';
  return SCREENS.find((s) => s.id === id) ?? SCREENS[0];
}

/** Whether this role may act on an open alert (acknowledge it, or count the stock). */
export function mayResolveAlerts(role: Role | null): { accept: boolean; count: boolean } {
  return {
    accept: role !== null && may(role, 'alert', 'update'),
    count: role !== null && may(role, 'alert', 'update') && may(role, 'stock', 'create'),
  };
}
