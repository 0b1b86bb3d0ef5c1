import { emptyCodeIndex, emptyEngine, type EngineState } from '@stallkeeper/shared';

/**
 * The engine's state saved in parts, so saving costs what changed, not the shop's size
 * (a whole snapshot was 92 MB at 100,000 orders). Each entry of a keyed section is one
 * part, `<section>\0<key>`; the product codes are one part; the rest is the head.
 */
const SECTIONS = [
  'ledger',
  'owed',
  'orders',
  'cancelledEarly',
  'returns',
  'seen',
  'thresholds',
  'names',
  'units',
  'low',
  'takers',
  'amendments',
  'handedOver',
  'online',
] as const satisfies readonly (keyof EngineState)[];

type Section = (typeof SECTIONS)[number];
type Keyed = Record<string, unknown>;

const SECTION_SET: ReadonlySet<string> = new Set(SECTIONS);
const isSection = (k: string | symbol): k is Section => typeof k === 'string' && SECTION_SET.has(k);

export const CODES_PART = 'codes';
export const partName = (section: Section, key: string) => `${section}\u0000${key}`;

/** What a save writes: parts to put (name → JSON) and parts to delete. */
export interface PartChanges {
  puts: [string, string][];
  dels: string[];
}

/** The state with its optional sections present (older saved state may lack them). */
function withSections(raw: EngineState): EngineState {
  raw.units ??= {};
  raw.amendments ??= {};
  raw.handedOver ??= {};
  raw.online ??= {};
  raw.codes ??= emptyCodeIndex();
  return raw;
}

/**
 * The engine's state behind proxies that note which entries may have changed. The
 * engine mutates nested values it reached by reading an entry (`s.orders[id].alloc…`),
 * so reading an entry that holds an object counts as touching it; reading a number
 * does not. Optional sections exist from the start, so `s.online ??= {}` never swaps
 * a section for an untracked object.
 */
export class TrackedEngine {
  readonly state: EngineState;
  readonly #raw: EngineState;
  readonly #dirty = new Map<Section, Set<string>>(SECTIONS.map((s) => [s, new Set<string>()]));
  #codesDirty = false;

  constructor(raw: EngineState, allDirty = false) {
    this.#raw = withSections(raw);
    const proxies = new Map<Section, Keyed>();
    for (const section of SECTIONS) {
      const target = raw[section] as Keyed;
      proxies.set(section, this.#track(section, target));
    }
    if (allDirty) this.markAll();
    this.state = new Proxy(raw, {
      get: (t, k, r) => {
        if (isSection(k)) return proxies.get(k);
        if (k === 'codes') this.#codesDirty = true;
        return Reflect.get(t, k, r) as unknown;
      },
      set: (t, k, v, r) => {
        if (isSection(k)) {
          // a whole section replaced: every key of the old and the new one may differ
          for (const key of Object.keys(t[k] as Keyed)) this.#mark(k, key);
          for (const key of Object.keys(v as Keyed)) this.#mark(k, key);
          proxies.set(k, this.#track(k, v as Keyed));
        }
        if (k === 'codes') this.#codesDirty = true;
        return Reflect.set(t, k, v, r);
      },
    });
  }

  #mark(section: Section, key: string): void {
    this.#dirty.get(section)?.add(key);
  }

  #track(section: Section, target: Keyed): Keyed {
    return new Proxy(target, {
      get: (t, k, r) => {
        const v = Reflect.get(t, k, r) as unknown;
        if (typeof k === 'string' && typeof v === 'object' && v !== null) this.#mark(section, k);
        return v;
      },
      set: (t, k, v, r) => {
        if (typeof k === 'string') this.#mark(section, k);
        return Reflect.set(t, k, v, r);
      },
      deleteProperty: (t, k) => {
        if (typeof k === 'string') this.#mark(section, k);
        return Reflect.deleteProperty(t, k);
      },
    });
  }

  /** Count every part as changed (a save failed: the next one writes them all). */
  markAll(): void {
    for (const section of SECTIONS) {
      for (const k of Object.keys(this.#raw[section] as Keyed)) this.#mark(section, k);
    }
    this.#codesDirty = true;
  }

  /** How many parts are due to be written. */
  get pending(): number {
    let n = this.#codesDirty ? 1 : 0;
    for (const keys of this.#dirty.values()) n += keys.size;
    return n;
  }

  /** The parts touched since the last call, and forget them. */
  takeChanges(): PartChanges {
    const puts: [string, string][] = [];
    const dels: string[] = [];
    for (const [section, keys] of this.#dirty) {
      const target = this.#raw[section] as Keyed;
      for (const key of keys) {
        const v = target[key];
        if (v === undefined) dels.push(partName(section, key));
        else puts.push([partName(section, key), JSON.stringify(v)]);
      }
      keys.clear();
    }
    if (this.#codesDirty) puts.push([CODES_PART, JSON.stringify(this.#raw.codes)]);
    this.#codesDirty = false;
    return { puts, dels };
  }

  get lowDefault(): number {
    return this.#raw.lowDefault;
  }

  /** Rebuild from saved parts (names without the store's prefix). */
  static fromParts(parts: Iterable<[string, string]>, lowDefault: number): TrackedEngine {
    const raw = withSections({ ...emptyEngine(), lowDefault });
    for (const [name, json] of parts) {
      if (name === CODES_PART) {
        raw.codes = JSON.parse(json) as EngineState['codes'];
        continue;
      }
      const cut = name.indexOf('\u0000');
      const section = name.slice(0, cut);
      if (cut < 0 || !isSection(section)) continue;
      (raw[section] as Keyed)[name.slice(cut + 1)] = JSON.parse(json) as unknown;
    }
    return new TrackedEngine(raw);
  }
}
