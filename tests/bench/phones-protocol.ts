import type { ShopPlan } from './phones-setup.ts';

/** What the bench tells a phones client process (phones-client.ts), in order. */
export type ToClient =
  | { kind: 'connect'; baseUrl: string; shops: ShopPlan[]; roundTripMs: number }
  | { kind: 'sell'; seconds: number; meanGapMs: number; drainSeconds: number };

/** What a phones client process answers. */
export type FromClient = { kind: 'connected'; ms: number } | { kind: 'done'; result: ClientResult };

/** One client process's sales and requests over a run; times in ms. */
export interface ClientResult {
  sales: number;
  /** each `_bulk_docs` round trip that carried sales, as the replicator made it */
  pushMs: number[];
  /** per sale delivered everywhere: its push answered → its allocation on every other phone of the shop */
  allocMs: number[];
  /** per sale delivered everywhere: written on the phone → its allocation on every other phone */
  saleToAllMs: number[];
  /** sales whose push had not been answered by the end of the drain */
  notPushed: number;
  /** pushed sales whose allocation had not reached every other phone by the end of the drain */
  undelivered: number;
  requests: number;
  /** this process's CPU time (user + system) over the selling, drain excluded */
  cpuMs: number;
  /** failed requests by "<status> <endpoint>" (status 0: no answer) */
  failures: Record<string, number>;
}
