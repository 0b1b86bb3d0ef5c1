import { ALERT_CLIENT_FIELDS } from './schemas/vocabulary.ts';
import type { DocKind } from './schemas/vocabulary.ts';

export const ROLES = ['owner', 'seller'] as const;
export type Role = (typeof ROLES)[number];

/** Append-only kinds: written once, never changed or deleted. */
export const APPEND_ONLY: ReadonlySet<DocKind> = new Set([
  'order',
  'orderevent',
  'stock',
  'invoice',
  'allocation',
  'audit',
  'mail',
]);

/** Kinds only the sync server writes (clients may not create them). */
export const SERVER_ONLY: ReadonlySet<DocKind> = new Set(['allocation', 'alert', 'mailstatus']);

export type WriteOp = 'create' | 'update' | 'delete';

const CREATE: Record<Role, ReadonlySet<DocKind>> = {
  owner: new Set([
    'product',
    'customer',
    'order',
    'orderevent',
    'stock',
    'invoice',
    'audit',
    'settings',
    'mail',
  ]),
  seller: new Set(['customer', 'order', 'orderevent', 'invoice', 'audit', 'mail']),
};

const UPDATE: Record<Role, ReadonlySet<DocKind>> = {
  owner: new Set(['product', 'customer', 'settings', 'alert']),
  seller: new Set(['customer']),
};

const DELETE: Record<Role, ReadonlySet<DocKind>> = {
  // Products are archived, not deleted; customers may be removed by the owner.
  owner: new Set(['customer']),
  seller: new Set(),
};

export type Decision = { allowed: true } | { allowed: false; reason: string };

/** Who may write what: the one table the server enforces and the app mirrors. */
export function canWrite(role: Role, kind: DocKind, op: WriteOp): Decision {
  if (op === 'create' && SERVER_ONLY.has(kind)) {
    return { allowed: false, reason: `${kind} documents are written by the server only` };
  }
  if (op !== 'create' && APPEND_ONLY.has(kind)) {
    return { allowed: false, reason: `${kind} documents are append-only and cannot be changed` };
  }
  const table = op === 'create' ? CREATE : op === 'update' ? UPDATE : DELETE;
  if (table[role].has(kind)) return { allowed: true };
  return { allowed: false, reason: `a ${role} may not ${op} ${kind} documents` };
}

/** Bookkeeping a client's edit of an alert may change besides the acknowledgement. */
const ALERT_EDITABLE = new Set<string>(['_rev', '_revisions', 'stamps', ...ALERT_CLIENT_FIELDS]);

/**
 * An alert is the server's: a client (an owner, by the table above) may only
 * acknowledge or resolve it. The first other field `next` changes from `current`, or null.
 */
export function alertEditError(
  next: Record<string, unknown>,
  current: Record<string, unknown>,
): string | null {
  for (const k of new Set([...Object.keys(next), ...Object.keys(current)])) {
    if (ALERT_EDITABLE.has(k)) continue;
    if (JSON.stringify(next[k]) !== JSON.stringify(current[k])) {
      return `only the acknowledgement of an alert can change (not ${k})`;
    }
  }
  return null;
}

/** The app's signed-in screens. */
export const SCREEN_IDS = [
  'sell',
  'orders',
  'products',
  'customers',
  'dashboard',
  'reports',
  'alerts',
  'activity',
  'team',
  'deliveries',
  'invoices',
  'settings',
] as const;
export type ScreenId = (typeof SCREEN_IDS)[number];

const may = (role: Role, kind: DocKind, op: WriteOp) => canWrite(role, kind, op).allowed;

/**
 * Runs the shop: may change its settings. Shop-wide views (everyone's activity, the
 * team, the whole shop's dashboard) are for whoever does.
 */
export const runsShop = (role: Role): boolean => may(role, 'settings', 'update');

/** Who may open each screen: whoever may do the work it is for (from the table above). */
const SEES: Record<ScreenId, (role: Role) => boolean> = {
  sell: (r) => may(r, 'order', 'create'),
  orders: (r) => may(r, 'orderevent', 'create'),
  products: () => true,
  customers: () => true,
  dashboard: () => true,
  // everyone: who runs the shop sees the whole shop, a seller their own sales (reportScope)
  reports: () => true,
  // alerts are there to be resolved
  alerts: (r) => may(r, 'alert', 'update'),
  activity: runsShop,
  team: runsShop,
  deliveries: (r) => may(r, 'orderevent', 'create'),
  invoices: (r) => may(r, 'invoice', 'create'),
  // everyone reads the shop's settings; who runs the shop edits them
  settings: () => true,
};

/** Whose sales a report covers: the whole shop for who runs it, else the person's own. */
export function reportScope(role: Role, userId: string): { onlyBy: string | null } {
  return { onlyBy: runsShop(role) ? null : userId };
}

/** Whether `role` may open `screen` (the app shows "Owners only" otherwise). */
export function canSee(role: Role, screen: ScreenId): boolean {
  return SEES[screen](role);
}

/**
 * Who may cancel an order: whoever runs the shop, the seller who took it, and any
 * seller when the owner allows it in the settings.
 */
export function mayCancelOrder(
  role: Role,
  actorId: string,
  order: { by: string },
  settings: { allowSellerCancel: boolean },
): boolean {
  if (!may(role, 'orderevent', 'create')) return false;
  return runsShop(role) || order.by === actorId || settings.allowSellerCancel;
}
