import { isoNow, reportScope, type Report, type Role } from '@stallkeeper/shared';
import { liveOrderFacets } from '../db/orders.ts';
import {
  devicePeriod,
  deviceLocalTime,
  liveReport,
  liveShopWide,
  loadReport,
  warmPeriods,
} from '../db/reports.ts';
import type { ShopWideReads } from '../db/report-reads.ts';
import type { Shared } from '../db/live-steps.ts';
import type { ShopContext } from '../db/shop.ts';
import { UNKNOWN_DEVICE, UNKNOWN_PERSON } from '../people.ts';
import {
  choiceFromQuery,
  dayCount,
  daysOfPeriod,
  queryOf,
  type PeriodChoice,
} from './period-query.ts';
import type { ReportNames } from './report-tables.ts';
import { previousNoun, spanWords, PERIOD_LABEL } from './words.ts';

export interface ReportScreenDeps {
  ctx: () => ShopContext | null;
  role: () => Role | null;
  userId: () => string | null;
  /** the page's query (the period lives in the URL, so a link opens the same report) */
  params: () => URLSearchParams;
  /** show another query in the URL, replacing this one */
  navigate: (query: string) => void;
}

/**
 * The Reports screen's state: the period (read from and written to the URL), the
 * report of that period from this device's read models, and the names it shows.
 * Made while a component starts (it subscribes in effects).
 */
export class ReportScreen {
  /** the report last computed; may still be the previous period's while the next loads */
  report = $state.raw<Report | null>(null);
  error = $state<string | null>(null);
  /** the catalogue, stock and invoices: read once for every period the owner picks */
  #shopWide = $state.raw<Shared<ShopWideReads> | null>(null);
  #names = $state.raw<{ sellers: Record<string, string>; devices: Record<string, string> }>({
    sellers: {},
    devices: {},
  });

  readonly today = $derived(deviceLocalTime().dayOf(isoNow()));
  readonly choice: PeriodChoice = $derived.by(() =>
    choiceFromQuery(this.deps.params(), this.today),
  );
  readonly period = $derived(
    devicePeriod(
      this.choice.kind,
      this.choice.kind === 'custom' ? { from: this.choice.from, to: this.choice.to } : undefined,
    ),
  );
  readonly days = $derived(daysOfPeriod(this.period, deviceLocalTime()));
  readonly onlyBy = $derived.by(() => {
    const role = this.deps.role();
    const user = this.deps.userId();
    return role && user ? reportScope(role, user).onlyBy : null;
  });
  /** the report of the period chosen now, or null while it is being worked out */
  readonly current = $derived(
    this.report &&
      this.report.period.from === this.period.from &&
      this.report.period.to === this.period.to &&
      this.report.onlyBy === this.onlyBy
      ? this.report
      : null,
  );
  readonly previousDays = $derived(
    this.report ? daysOfPeriod(this.report.previousPeriod, deviceLocalTime()) : this.days,
  );
  /** "previous week", "yesterday": what the figures are compared with */
  readonly previousNoun = $derived(previousNoun(this.choice.kind, dayCount(this.days)));
  readonly names: ReportNames = {
    seller: (id) => this.#names.sellers[id] ?? UNKNOWN_PERSON,
    device: (id) => this.#names.devices[id] ?? UNKNOWN_DEVICE,
  };

  constructor(private readonly deps: ReportScreenDeps) {
    $effect(() => {
      const ctx = deps.ctx();
      if (!ctx || !deps.role()) return;
      const shared = liveShopWide(ctx, this.onlyBy);
      this.#shopWide = shared;
      return () => shared.close();
    });
    $effect(() => {
      const ctx = deps.ctx();
      const shopWide = this.#shopWide;
      if (!ctx || !shopWide) return;
      const sub = liveReport(ctx, this.period, this.onlyBy, shopWide).subscribe({
        next: (r) => {
          this.report = r;
          this.error = null;
        },
        error: (err: unknown) => {
          this.error = err instanceof Error ? err.message : 'unknown error';
        },
      });
      return () => sub.unsubscribe();
    });
    // once the first report is on screen, the other periods' rows are read while idle
    let warmed = false;
    $effect(() => {
      const ctx = deps.ctx();
      if (!ctx || warmed || !this.current || this.current.pending?.length) return;
      warmed = true;
      const onlyBy = this.onlyBy;
      const warm = () => void warmPeriods(ctx, onlyBy).catch(() => undefined); // only a head start
      if ('requestIdleCallback' in window) requestIdleCallback(warm, { timeout: 3_000 });
      else setTimeout(warm, 500);
    });
    $effect(() => {
      const ctx = deps.ctx();
      if (!ctx) return;
      const sub = liveOrderFacets(ctx).subscribe({
        next: (f) => {
          this.#names = {
            sellers: Object.fromEntries(f.sellers.map((c) => [c.id, c.name])),
            devices: Object.fromEntries(f.devices.map((c) => [c.id, c.name])),
          };
        },
      });
      return () => sub.unsubscribe();
    });
  }

  /**
   * The chosen period's report with every part worked out, for the files: the one
   * on screen when it is complete, else read again in full (from the device).
   */
  async complete(): Promise<Report | null> {
    const shown = this.current;
    const ctx = this.deps.ctx();
    if (!shown || !ctx) return null;
    return shown.pending?.length ? loadReport(ctx, this.period, this.onlyBy) : shown;
  }

  /** "This week · 30 Nov – 6 Dec 2026" */
  periodWords(locale: string): string {
    return `${PERIOD_LABEL[this.choice.kind]} · ${spanWords(this.days.first, this.days.last, locale)}`;
  }

  choose(choice: PeriodChoice): void {
    this.deps.navigate(queryOf(choice));
  }

  /** Pick a period kind; custom starts from the days shown now. */
  chooseKind(kind: PeriodChoice['kind']): void {
    this.choose(
      kind === 'custom'
        ? { kind, from: this.days.first, to: this.days.last }
        : { kind, from: '', to: '' },
    );
  }

  /** A custom period's first or last day changed in its date input. */
  chooseDay(which: 'from' | 'to', day: string): void {
    if (!day) return;
    const base =
      this.choice.kind === 'custom' ? this.choice : { from: this.days.first, to: this.days.last };
    this.choose({ kind: 'custom', from: base.from, to: base.to, [which]: day });
  }
}
