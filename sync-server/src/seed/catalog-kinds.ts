import type { CategoryName } from './catalog-data.ts';

/**
 * How each category of the stall's goods behaves (margin, spoilage, restock cases,
 * descriptions) and the ways the large catalog varies its products: qualifiers,
 * packs and growers.
 */

/** A way one product comes in the large catalog: "organic", "from Co. Wexford". */
export interface Qualifier {
  label: string;
  code: string;
  /** price multiplier */
  factor: number;
}

/** A pack of a product: weighed goods in bags become pieces. */
export interface Pack {
  label: string;
  code: string;
  /** base units in the pack (g or ml for weighed goods), or pieces for a multipack */
  size: number;
  /** price multiplier on (unit price × size) */
  factor: number;
}

/** Weighed goods also come pre-packed (the large catalog): sold by the piece. */
export const CUTS: readonly Pack[] = [
  { label: '200 g', code: '200G', size: 200, factor: 1.1 },
  { label: '500 g', code: '500G', size: 500, factor: 1 },
  { label: '1 kg', code: '1KG', size: 1000, factor: 0.95 },
];
export const BOTTLES: readonly Pack[] = [
  { label: '1 l bottle', code: '1L', size: 1000, factor: 1.1 },
  { label: '2 l bottle', code: '2L', size: 2000, factor: 1.05 },
];

export interface CategoryInfo {
  /** what it costs the stall, as a share of the price */
  costShare: number;
  /** goes off: some is written off now and then */
  perishable: boolean;
  /** restocks come in these steps (base units) */
  caseSize: { weighed: number; piece: number };
  describe: (name: string, grower: string) => string;
  qualifiers: readonly Qualifier[];
  /** multipacks of products sold by the piece */
  packs: readonly Pack[];
  /** packs of products sold by weight */
  weightPacks: readonly Pack[];
}

const ORGANIC: Qualifier = { label: 'organic', code: 'ORG', factor: 1.35 };
const BAGS: readonly Pack[] = [
  { label: '500 g bag', code: '500G', size: 500, factor: 1.1 },
  { label: '1 kg bag', code: '1KG', size: 1000, factor: 1 },
  { label: '2.5 kg bag', code: '2K5', size: 2500, factor: 0.92 },
  { label: '5 kg sack', code: '5KG', size: 5000, factor: 0.85 },
];
const MULTI: readonly Pack[] = [
  { label: 'twin pack', code: 'X2', size: 2, factor: 0.95 },
  { label: 'box of 4', code: 'X4', size: 4, factor: 0.9 },
  { label: 'box of 6', code: 'X6', size: 6, factor: 0.88 },
  { label: 'tray of 12', code: 'X12', size: 12, factor: 0.8 },
];

export const CATEGORIES: Record<CategoryName, CategoryInfo> = {
  Fruit: {
    costShare: 0.62,
    perishable: true,
    caseSize: { weighed: 5000, piece: 12 },
    describe: (n, g) => `${n} from ${g}. Ripe for the week; keep cool.`,
    qualifiers: [
      ORGANIC,
      { label: 'local', code: 'LOC', factor: 1.1 },
      { label: 'large', code: 'LRG', factor: 1.15 },
      { label: 'cooking seconds', code: 'SEC', factor: 0.7 },
      { label: 'heritage', code: 'HER', factor: 1.3 },
    ],
    packs: MULTI.slice(0, 3),
    weightPacks: BAGS,
  },
  Vegetables: {
    costShare: 0.6,
    perishable: true,
    caseSize: { weighed: 10_000, piece: 12 },
    describe: (n, g) => `${n}, grown by ${g} and picked the day before market.`,
    qualifiers: [
      ORGANIC,
      { label: 'local', code: 'LOC', factor: 1.1 },
      { label: 'unwashed', code: 'UNW', factor: 0.9 },
      { label: 'baby', code: 'BBY', factor: 1.4 },
      { label: 'heritage', code: 'HER', factor: 1.3 },
    ],
    packs: MULTI.slice(0, 3),
    weightPacks: BAGS,
  },
  Herbs: {
    costShare: 0.5,
    perishable: true,
    caseSize: { weighed: 500, piece: 10 },
    describe: (n, g) => `${n}, cut fresh by ${g}.`,
    qualifiers: [
      ORGANIC,
      { label: 'large', code: 'LRG', factor: 1.6 },
      { label: 'in a pot', code: 'POT', factor: 1.8 },
    ],
    packs: MULTI.slice(0, 2),
    weightPacks: CUTS,
  },
  'Eggs & Dairy': {
    costShare: 0.7,
    perishable: true,
    caseSize: { weighed: 2000, piece: 12 },
    describe: (n, g) => `${n} from ${g}.`,
    qualifiers: [
      ORGANIC,
      { label: 'large', code: 'LRG', factor: 1.15 },
      { label: 'mature', code: 'MAT', factor: 1.2 },
    ],
    packs: MULTI.slice(0, 3),
    weightPacks: CUTS,
  },
  Bakery: {
    costShare: 0.55,
    perishable: true,
    caseSize: { weighed: 1000, piece: 12 },
    describe: (n, g) => `${n}, baked this morning by ${g}.`,
    qualifiers: [
      { label: 'wholemeal', code: 'WHL', factor: 1.05 },
      { label: 'seeded', code: 'SDD', factor: 1.1 },
      { label: 'spelt', code: 'SPL', factor: 1.25 },
      { label: 'gluten-free', code: 'GF', factor: 1.4 },
      { label: 'small', code: 'SML', factor: 0.6 },
    ],
    packs: MULTI,
    weightPacks: CUTS,
  },
  Pantry: {
    costShare: 0.65,
    perishable: false,
    caseSize: { weighed: 5000, piece: 12 },
    describe: (n, g) => `${n}, made in small batches by ${g}.`,
    qualifiers: [
      ORGANIC,
      { label: 'large jar', code: 'LRG', factor: 1.7 },
      { label: 'gift jar', code: 'GFT', factor: 1.5 },
      { label: 'no added sugar', code: 'NAS', factor: 1.1 },
    ],
    packs: MULTI.slice(0, 3),
    weightPacks: CUTS,
  },
  Flowers: {
    costShare: 0.5,
    perishable: true,
    caseSize: { weighed: 1000, piece: 10 },
    describe: (n, g) => `${n} from ${g}. Trim the stems and change the water often.`,
    qualifiers: [
      { label: 'large', code: 'LRG', factor: 1.6 },
      { label: 'wrapped', code: 'WRP', factor: 1.2 },
      { label: 'pastel', code: 'PST', factor: 1 },
      { label: 'bright', code: 'BRT', factor: 1 },
    ],
    packs: MULTI.slice(0, 1),
    weightPacks: CUTS,
  },
  Drinks: {
    costShare: 0.6,
    perishable: false,
    caseSize: { weighed: 10_000, piece: 12 },
    describe: (n, g) => `${n}, from ${g}.`,
    qualifiers: [
      ORGANIC,
      { label: 'sparkling', code: 'SPK', factor: 1.1 },
      { label: 'sugar-free', code: 'SF', factor: 1.05 },
    ],
    packs: MULTI.slice(0, 3),
    weightPacks: CUTS,
  },
};

/** Who grows or makes it (descriptions, and the large catalog's variants by grower). */
export interface Grower {
  name: string;
  /** what the large catalog's names say: "(Brennan's Farm)" */
  short: string;
  code: string;
  makes: readonly CategoryName[];
}

export const GROWERS: readonly Grower[] = [
  {
    name: "Brennan's Farm, Thomastown",
    short: "Brennan's Farm",
    code: 'BRN',
    makes: ['Vegetables', 'Fruit', 'Herbs'],
  },
  {
    name: 'Nore Valley Growers, Bennettsbridge',
    short: 'Nore Valley',
    code: 'NVG',
    makes: ['Vegetables', 'Herbs', 'Flowers'],
  },
  {
    name: 'Kells Road Organics',
    short: 'Kells Road',
    code: 'KRO',
    makes: ['Vegetables', 'Fruit', 'Herbs', 'Eggs & Dairy'],
  },
  {
    name: 'the Walsh family in Callan',
    short: 'Walsh, Callan',
    code: 'WLS',
    makes: ['Vegetables', 'Eggs & Dairy'],
  },
  {
    name: 'Slievenamon Orchard, Co. Tipperary',
    short: 'Slievenamon',
    code: 'SLV',
    makes: ['Fruit', 'Drinks', 'Pantry'],
  },
  {
    name: 'Barrow Bank Farm, Graignamanagh',
    short: 'Barrow Bank',
    code: 'BBF',
    makes: ['Vegetables', 'Fruit', 'Eggs & Dairy'],
  },
  {
    name: 'Castlecomer Hills Dairy',
    short: 'Castlecomer Hills',
    code: 'CHD',
    makes: ['Eggs & Dairy'],
  },
  {
    name: 'Hook Head Growers, Co. Wexford',
    short: 'Co. Wexford',
    code: 'HHG',
    makes: ['Fruit', 'Vegetables'],
  },
  { name: "Delaney's Bakehouse, Kilkenny", short: "Delaney's", code: 'DLB', makes: ['Bakery'] },
  { name: 'Gowran Apiaries', short: 'Gowran', code: 'GWA', makes: ['Pantry'] },
  { name: 'Inistioge Flower Farm', short: 'Inistioge', code: 'IFF', makes: ['Flowers', 'Herbs'] },
  {
    name: 'Blackstairs Foods, Co. Carlow',
    short: 'Blackstairs',
    code: 'BSF',
    makes: ['Pantry', 'Drinks', 'Bakery'],
  },
  {
    name: 'Rosemount Mill Bakery, Freshford',
    short: 'Rosemount Mill',
    code: 'RMB',
    makes: ['Bakery'],
  },
  { name: 'Dunmore Roasters, Kilkenny', short: 'Dunmore', code: 'DMR', makes: ['Drinks'] },
  { name: 'Jenkinstown Free Range', short: 'Jenkinstown', code: 'JFR', makes: ['Eggs & Dairy'] },
  { name: 'Knocktopher Cheese Makers', short: 'Knocktopher', code: 'KCM', makes: ['Eggs & Dairy'] },
  {
    name: 'Paulstown Glasshouses',
    short: 'Paulstown',
    code: 'PGH',
    makes: ['Vegetables', 'Herbs', 'Flowers', 'Fruit'],
  },
  { name: 'Ballyhale Orchards', short: 'Ballyhale', code: 'BHO', makes: ['Fruit', 'Drinks'] },
  { name: 'Stoneyford Preserves', short: 'Stoneyford', code: 'SFP', makes: ['Pantry'] },
  { name: 'Kilkenny Cordial Co.', short: 'Kilkenny Cordial', code: 'KCC', makes: ['Drinks'] },
];
