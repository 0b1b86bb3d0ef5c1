import { allocationId } from './allocation.ts';
import type { AlertDecision, AllocDecision } from './allocation-state.ts';
import type { Alert, Allocation } from './schemas/index.ts';

/** The documents the resolver writes for the engine's decisions (allocation.ts). */

export function allocationDoc(d: AllocDecision): Allocation {
  return {
    _id: allocationId(d.orderId, d.n),
    type: 'allocation',
    orderId: d.orderId,
    status: d.status,
    lines: d.lines,
    seq: d.n,
    decidedAt: d.at,
  };
}

export function alertDoc(a: AlertDecision, stamp: string): Alert {
  return {
    _id: a.id,
    type: 'alert',
    kind: a.kind,
    message: a.message,
    productIds: a.productIds,
    orderIds: a.orderIds,
    deviceIds: a.deviceIds,
    sellerIds: a.sellerIds,
    createdAt: a.at,
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolution: '',
    stamps: { acknowledgedAt: stamp, acknowledgedBy: stamp, resolution: stamp },
  };
}
