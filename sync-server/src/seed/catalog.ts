import { isWeighed, type Unit } from '@stallkeeper/shared';
import { BASE_PRODUCTS, type BaseProduct, type CategoryName } from './catalog-data.ts';
import {
  BOTTLES,
  CATEGORIES,
  GROWERS,
  type Grower,
  type Pack,
  type Qualifier,
} from './catalog-kinds.ts';
import type { Rng } from './rng.ts';

/** One product of a generated shop, before it becomes a document. */
export interface ProductSpec {
  code: string;
  name: string;
  category: CategoryName;
  unit: Unit;
  price: number;
  cost: number;
  description: string;
  lowStockThreshold: number | null;
  /** relative chance of landing in a basket */
  pop: number;
  /** what one customer usually takes, in base units */
  qty: readonly [number, number];
  /** restocks come in multiples of this (base units) */
  caseSize: number;
  perishable: boolean;
  /** who grows or makes it */
  grower: string;
}

interface Variant {
  qualifier: Qualifier | null;
  pack: Pack | null;
  grower: Grower | null;
}

/** Prices end in 5 or 0 cents, as a stall writes them on the board. */
const roundPrice = (cents: number) => Math.max(10, Math.round(cents / 5) * 5);

const growersOf = (category: CategoryName) => GROWERS.filter((g) => g.makes.includes(category));

function spec(base: BaseProduct, rng: Rng, variant: Variant | null): ProductSpec {
  const info = CATEGORIES[base.category];
  const grower = variant?.grower ?? rng.pick(growersOf(base.category));
  let { name, code, unit, price } = base;
  let qty = base.qty ?? (isWeighed(unit) ? [250, 1500] : [1, 2]);
  let pop = base.pop;
  if (variant) {
    const { qualifier, pack } = variant;
    if (qualifier) {
      name += `, ${qualifier.label}`;
      code += `-${qualifier.code}`;
      price *= qualifier.factor;
    }
    if (pack) {
      name += `, ${pack.label}`;
      code += `-${pack.code}`;
      // a weighed product in a bag is sold by the bag
      price *= (pack.size * pack.factor) / (isWeighed(unit) ? 1000 : 1);
      unit = 'piece';
      qty = [1, 2];
    }
    if (variant.grower) {
      name += ` (${variant.grower.short})`;
      code += `-${variant.grower.code}`;
    }
    // a variant sells less often than the product everybody knows
    pop = base.pop / 8;
  }
  price = roundPrice(price);
  const share = Math.min(0.75, Math.max(0.5, info.costShare * (0.9 + rng.next() * 0.25)));
  return {
    code,
    name,
    category: base.category,
    unit,
    price,
    cost: Math.round(price * share),
    description: info.describe(base.name, grower.name),
    lowStockThreshold: base.category === 'Pantry' ? null : isWeighed(unit) ? qty[1] * 2 : 4,
    pop,
    qty,
    caseSize: isWeighed(unit) ? info.caseSize.weighed : info.caseSize.piece,
    perishable: info.perishable,
    grower: grower.name,
  };
}

/**
 * Every variant of a base product (qualifier × pack × grower, each possibly absent),
 * the simplest first: "Carrots, organic" before "Carrots, organic, 1 kg bag (Kells Road)".
 */
function variantsOf(base: BaseProduct): Variant[] {
  const info = CATEGORIES[base.category];
  const packs = base.unit === 'l' ? BOTTLES : isWeighed(base.unit) ? info.weightPacks : info.packs;
  const out: Variant[] = [];
  for (const qualifier of [null, ...info.qualifiers]) {
    for (const pack of [null, ...packs]) {
      for (const grower of [null, ...growersOf(base.category)]) {
        if (qualifier || pack || grower) out.push({ qualifier, pack, grower });
      }
    }
  }
  const dims = (v: Variant) => Number(!!v.qualifier) + Number(!!v.pack) + Number(!!v.grower);
  return out.sort((a, b) => dims(a) - dims(b));
}

/**
 * `count` products a market stall would sell. Up to the stall's own list, its most
 * popular products; beyond it (the benchmark's 10,000), variants of them by grade,
 * pack and grower, like "Roma tomatoes, organic, 1 kg bag (Kells Road)", with
 * unique codes like TOM-ROMA-ORG-1KG-KRO. Deterministic for one `rng` state.
 */
export function buildCatalog(count: number, rng: Rng): ProductSpec[] {
  if (count <= BASE_PRODUCTS.length) {
    const keep = new Set([...BASE_PRODUCTS].sort((a, b) => b.pop - a.pop).slice(0, count));
    return BASE_PRODUCTS.filter((b) => keep.has(b)).map((b) => spec(b, rng, null));
  }
  const out = BASE_PRODUCTS.map((b) => spec(b, rng, null));
  const spaces = BASE_PRODUCTS.map(variantsOf);
  const codes = new Set(out.map((p) => p.code));
  // round-robin over the base products, so every one grows a few variants first
  for (let k = 0; out.length < count; k++) {
    let left = false;
    for (let i = 0; i < BASE_PRODUCTS.length && out.length < count; i++) {
      const base = BASE_PRODUCTS[i];
      const variant = spaces[i]?.[k];
      if (!base || !variant) continue;
      left = true;
      const p = spec(base, rng, variant);
      if (codes.has(p.code)) continue;
      codes.add(p.code);
      out.push(p);
    }
    if (!left) throw new Error(`a catalog of ${count} products is more than the variants allow`);
  }
  return out;
}

/** How many products `buildCatalog` can make at most. */
export const MAX_CATALOG =
  BASE_PRODUCTS.length + BASE_PRODUCTS.reduce((n, b) => n + variantsOf(b).length, 0);
