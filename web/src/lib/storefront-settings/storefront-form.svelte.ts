import type { Storefront } from '@stallkeeper/shared/rest';
import { ApiError, NetworkError } from '../api.ts';
import { storefrontApi } from './storefront-api.ts';
import {
  inputOf,
  issuesToErrors,
  timeRow,
  valuesOf,
  type FieldErrors,
  type StorefrontValues,
} from './storefront-fields.ts';

type Api = typeof storefrontApi;
type Times = 'pickupTimes' | 'deliveryTimes';

export interface StorefrontContext {
  shopId: string | null;
  shopName: string;
  currency: string;
  /** this device's time zone, for a shop that never chose one */
  timeZone: string;
}

/**
 * The "Online shop" settings. They live on the server only (it answers customers),
 * so nothing is kept on the device: offline the section says so and Save waits.
 */
export class StorefrontForm {
  values = $state<StorefrontValues>(valuesOf(null, 'EUR', { shopName: '', timeZone: 'UTC' }));
  /** what the server holds now (null until loaded) */
  saved = $state.raw<Storefront | null>(null);
  phase = $state<'loading' | 'ready' | 'offline' | 'error'>('loading');
  errors = $state<FieldErrors>({});
  /** a message about the whole section (a refusal, a failure) */
  problem = $state<string | null>(null);
  saving = $state(false);
  /** true right after a save, until the next edit */
  justSaved = $state(false);
  #baseline = $state('');

  constructor(
    private readonly context: () => StorefrontContext,
    private readonly api: Api = storefrontApi,
  ) {}

  get dirty(): boolean {
    return this.phase === 'ready' && JSON.stringify(this.#comparable()) !== this.#baseline;
  }

  #comparable() {
    const strip = (rows: StorefrontValues['pickupTimes']) =>
      rows.map(({ day, from, to }) => ({ day, from, to }));
    const v = this.values;
    return { ...v, pickupTimes: strip(v.pickupTimes), deliveryTimes: strip(v.deliveryTimes) };
  }

  #fill(s: Storefront | null): void {
    const c = this.context();
    this.saved = s;
    this.values = valuesOf(s, c.currency, { shopName: c.shopName, timeZone: c.timeZone });
    // (a shop that never saved its page starts from suggestions: not an edit of its own)
    this.#baseline = JSON.stringify(this.#comparable());
    this.errors = {};
  }

  async load(): Promise<void> {
    const { shopId } = this.context();
    if (!shopId || this.saving) return;
    try {
      const s = await this.api.get(shopId);
      this.#fill(s);
      this.phase = 'ready';
      this.problem = null;
    } catch (err) {
      this.#failed(err, true);
    }
  }

  addTime(list: Times): void {
    const rows = this.values[list];
    const last = rows.at(-1);
    // the next row starts as a copy of the last one, a day later: most shops repeat hours
    const row = last ? timeRow((last.day + 1) % 7, last.from, last.to) : timeRow();
    this.values[list] = [...rows, row];
    this.justSaved = false;
  }

  removeTime(list: Times, key: number): void {
    this.values[list] = this.values[list].filter((r) => r.key !== key);
    this.justSaved = false;
  }

  /** Save to the server; true once it holds the new settings. */
  async save(): Promise<boolean> {
    const { shopId, currency } = this.context();
    if (!shopId || this.saving || this.phase !== 'ready') return false;
    const built = inputOf(this.values, currency);
    if ('errors' in built) {
      this.errors = built.errors;
      this.justSaved = false;
      return false;
    }
    this.saving = true;
    this.errors = {};
    this.problem = null;
    try {
      this.#fill(await this.api.put(shopId, built.input));
      this.justSaved = true;
      return true;
    } catch (err) {
      this.#failed(err, false);
      return false;
    } finally {
      this.saving = false;
    }
  }

  #failed(err: unknown, loading: boolean): void {
    if (err instanceof NetworkError) {
      if (loading) {
        this.phase = 'offline';
      } else {
        this.problem =
          'Publishing needs a connection. Your changes are still here: save again when you are online.';
      }
      return;
    }
    if (err instanceof ApiError && err.code === 'slug_taken') {
      this.errors = { slug: 'That address is taken. Try another one.' };
      return;
    }
    if (err instanceof ApiError && err.status === 400 && err.issues.length) {
      this.errors = issuesToErrors(err.issues);
      return;
    }
    if (err instanceof ApiError && err.status === 403) {
      this.problem = 'Only the shop’s owners can change the shop page.';
    } else {
      this.problem =
        err instanceof ApiError ? err.message : 'Something went wrong. Please try again.';
    }
    if (loading) this.phase = 'error';
  }
}
