import {
  canSee,
  canWrite,
  runsShop as runs,
  type DocKind,
  type Role,
  type ScreenId,
  type WriteOp,
} from '@stallkeeper/shared';

/** The signed-in screens, in the order the navigation lists them. */
export const SCREENS = [
  { id: 'sell', path: '/sell', label: 'Sell' },
  { id: 'orders', path: '/orders', label: 'Orders' },
  { id: 'deliveries', path: '/deliveries', label: 'Deliveries' },
  { id: 'invoices', path: '/invoices', label: 'Invoices' },
  { id: 'products', path: '/products', label: 'Products' },
  { id: 'customers', path: '/customers', label: 'Customers' },
  { id: 'dashboard', path: '/dashboard', label: 'Dashboard' },
  { id: 'reports', path: '/reports', label: 'Reports' },
  { id: 'alerts', path: '/alerts', label: 'Alerts' },
  { id: 'activity', path: '/activity', label: 'Activity' },
  { id: 'team', path: '/team', label: 'Team' },
  { id: 'settings', path: '/settings', label: 'Settings' },
] as const satisfies readonly { id: ScreenId; path: string; label: string }[];
export type Screen = (typeof SCREENS)[number];
export type { ScreenId };

export const ROLE_LABEL: Record<Role, string> = { owner: 'Owner', seller: 'Seller' };

const may = (role: Role, kind: DocKind, op: WriteOp) => canWrite(role, kind, op).allowed;

/** Runs the shop (shared's rule): sees shop-wide views. */
export function runsShop(role: Role | null): boolean {
  return role !== null && runs(role);
}

/** Who may open a screen: shared's table (`canSee`, beside the write permissions). */
export function maySee(role: Role | null, screen: ScreenId): boolean {
  return role !== null && canSee(role, screen);
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
