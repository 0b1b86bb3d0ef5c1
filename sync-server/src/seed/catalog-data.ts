import type { Unit } from '@stallkeeper/shared';

/**
 * What Green Corner Market sells: a produce and farm-goods stall in Kilkenny, Ireland
 * (prices in euro cents, per kg for weighed goods, per piece otherwise). The large
 * benchmark shop grows this list into variants (catalog.ts); nothing here is random.
 */
export interface BaseProduct {
  code: string;
  name: string;
  category: CategoryName;
  unit: Unit;
  /** euro cents per kg, l or piece */
  price: number;
  /** how often it lands in a basket, 1 (now and then) to 10 (most baskets) */
  pop: number;
  /** what one customer usually takes, in base units (g, ml, pieces) */
  qty?: readonly [number, number];
}

export const CATEGORY_NAMES = [
  'Fruit',
  'Vegetables',
  'Herbs',
  'Eggs & Dairy',
  'Bakery',
  'Pantry',
  'Flowers',
  'Drinks',
] as const;
export type CategoryName = (typeof CATEGORY_NAMES)[number];

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

const kg = (
  code: string,
  name: string,
  category: CategoryName,
  price: number,
  pop: number,
  qty?: readonly [number, number],
): BaseProduct => ({
  code,
  name,
  category,
  unit: 'kg',
  price,
  pop,
  ...(qty ? { qty } : {}),
});
const pc = (
  code: string,
  name: string,
  category: CategoryName,
  price: number,
  pop: number,
  qty?: readonly [number, number],
): BaseProduct => ({
  code,
  name,
  category,
  unit: 'piece',
  price,
  pop,
  ...(qty ? { qty } : {}),
});

/** The stall's own list, most popular first within each category. */
export const BASE_PRODUCTS: readonly BaseProduct[] = [
  kg('APL-BRAE', 'Apples, Braeburn', 'Fruit', 320, 8, [500, 2000]),
  kg('APL-COX', "Apples, Cox's Orange Pippin", 'Fruit', 360, 5, [500, 1500]),
  kg('APL-BRAM', 'Bramley cooking apples', 'Fruit', 280, 4, [750, 2000]),
  kg('PEA-CONF', 'Pears, Conference', 'Fruit', 340, 5, [500, 1500]),
  kg('BAN-FT', 'Bananas, Fairtrade', 'Fruit', 220, 7, [500, 1500]),
  pc('STR-PUN', 'Strawberries, 250 g punnet', 'Fruit', 350, 6, [1, 3]),
  pc('RAS-PUN', 'Raspberries, 150 g punnet', 'Fruit', 380, 4, [1, 2]),
  pc('BLU-PUN', 'Blueberries, 125 g punnet', 'Fruit', 295, 4, [1, 3]),
  kg('PLM-VIC', 'Plums, Victoria', 'Fruit', 420, 3, [250, 1000]),
  pc('RHU-BUN', 'Rhubarb, bunch', 'Fruit', 250, 2),
  pc('LEM', 'Lemons', 'Fruit', 60, 4, [1, 4]),
  kg('GRP-RED', 'Red grapes, seedless', 'Fruit', 550, 3, [300, 1000]),
  kg('POT-ROO', 'Potatoes, Rooster', 'Vegetables', 140, 9, [1500, 5000]),
  kg('POT-NEW', 'New potatoes, baby', 'Vegetables', 260, 5, [500, 1500]),
  kg('CAR', 'Carrots', 'Vegetables', 160, 8, [500, 2000]),
  kg('ONI-BRN', 'Onions, brown', 'Vegetables', 150, 7, [500, 1500]),
  kg('ONI-RED', 'Red onions', 'Vegetables', 190, 4, [250, 1000]),
  kg('LEK', 'Leeks', 'Vegetables', 320, 4, [300, 1000]),
  kg('PAR', 'Parsnips', 'Vegetables', 220, 4, [400, 1200]),
  kg('TOM-ROMA', 'Roma tomatoes', 'Vegetables', 450, 7, [300, 1500]),
  pc('TOM-CHR', 'Cherry tomatoes, 250 g punnet', 'Vegetables', 280, 6, [1, 2]),
  kg('TOM-HEIR', 'Heirloom tomatoes', 'Vegetables', 750, 3, [250, 1000]),
  pc('CUC', 'Cucumber', 'Vegetables', 120, 5, [1, 2]),
  kg('COU', 'Courgettes', 'Vegetables', 380, 4, [300, 1000]),
  pc('PEP-RED', 'Red peppers', 'Vegetables', 110, 5, [1, 4]),
  pc('LET-BUT', 'Butterhead lettuce', 'Vegetables', 150, 5, [1, 2]),
  pc('SAL-MIX', 'Mixed salad leaves, 150 g bag', 'Vegetables', 250, 5, [1, 2]),
  pc('SPN', 'Spinach, 200 g bag', 'Vegetables', 220, 4, [1, 2]),
  pc('KAL', 'Curly kale, 200 g bag', 'Vegetables', 200, 3, [1, 2]),
  pc('CAB-SAV', 'Savoy cabbage', 'Vegetables', 180, 4),
  pc('BRO', 'Broccoli', 'Vegetables', 160, 5, [1, 2]),
  pc('CAU', 'Cauliflower', 'Vegetables', 220, 3),
  pc('GAR', 'Garlic, bulb', 'Vegetables', 80, 5, [1, 3]),
  kg('MUS-CHE', 'Chestnut mushrooms', 'Vegetables', 650, 5, [200, 600]),
  kg('MUS-OYS', 'Oyster mushrooms', 'Vegetables', 1400, 2, [100, 400]),
  kg('BEE', 'Beetroot', 'Vegetables', 240, 3, [500, 1500]),
  kg('BEA-GRN', 'Green beans', 'Vegetables', 600, 3, [200, 600]),
  pc('SCA', 'Scallions, bunch', 'Vegetables', 100, 4, [1, 2]),
  pc('SQU-BUT', 'Butternut squash', 'Vegetables', 250, 3),
  pc('HRB-PAR', 'Flat-leaf parsley, bunch', 'Herbs', 150, 4),
  pc('HRB-COR', 'Coriander, bunch', 'Herbs', 150, 3),
  pc('HRB-BAS', 'Basil, pot', 'Herbs', 280, 3),
  pc('HRB-MIN', 'Mint, bunch', 'Herbs', 150, 2),
  pc('HRB-ROS', 'Rosemary, bunch', 'Herbs', 150, 2),
  pc('HRB-THY', 'Thyme, bunch', 'Herbs', 150, 2),
  pc('HRB-CHI', 'Chives, bunch', 'Herbs', 150, 2),
  pc('EGG-FR6', 'Free-range eggs, half dozen', 'Eggs & Dairy', 280, 8),
  pc('EGG-FR12', 'Free-range eggs, dozen', 'Eggs & Dairy', 520, 5),
  pc('EGG-DUK', 'Duck eggs, box of 6', 'Eggs & Dairy', 450, 2),
  {
    code: 'MLK-FARM',
    name: 'Whole milk, from the churn',
    category: 'Eggs & Dairy',
    unit: 'l',
    price: 160,
    pop: 4,
    qty: [1000, 2000],
  },
  pc('BUT-SAL', 'Salted farmhouse butter, 250 g', 'Eggs & Dairy', 390, 4),
  kg('CHS-CHED', 'Farmhouse cheddar', 'Eggs & Dairy', 2400, 4, [150, 500]),
  kg('CHS-GOAT', "Soft goat's cheese", 'Eggs & Dairy', 3800, 2, [100, 300]),
  kg('CHS-BLU', 'Blue cheese, Kilkenny style', 'Eggs & Dairy', 3200, 2, [100, 300]),
  pc('YOG-NAT', 'Natural yoghurt, 500 g', 'Eggs & Dairy', 320, 3),
  pc('BRD-SOD', 'Brown soda bread', 'Bakery', 400, 7),
  pc('BRD-SOUR', 'Sourdough loaf', 'Bakery', 550, 6),
  pc('BRD-RYE', 'Rye loaf', 'Bakery', 500, 2),
  pc('BRD-BAT', 'Baguette', 'Bakery', 250, 4, [1, 2]),
  pc('BAK-SCO', 'Scones, bag of 4', 'Bakery', 400, 5),
  pc('BAK-BRK', 'Barmbrack', 'Bakery', 650, 2),
  pc('BAK-CRO', 'Croissant', 'Bakery', 220, 4, [1, 4]),
  pc('BAK-APT', 'Apple tart', 'Bakery', 1200, 2),
  pc('HON-WLD', 'Wildflower honey, 340 g', 'Pantry', 850, 3),
  pc('HON-HTH', 'Heather honey, 340 g', 'Pantry', 1100, 2),
  pc('JAM-STR', 'Strawberry jam, 300 g', 'Pantry', 450, 3),
  pc('JAM-BLK', 'Blackcurrant jam, 300 g', 'Pantry', 450, 2),
  pc('MAR-SEV', 'Seville orange marmalade, 300 g', 'Pantry', 480, 2),
  pc('CHU-APL', 'Apple & date chutney, 280 g', 'Pantry', 480, 1),
  pc('OIL-RAP', 'Cold-pressed rapeseed oil, 500 ml', 'Pantry', 750, 2),
  pc('OAT-PIN', 'Pinhead oats, 1 kg', 'Pantry', 380, 2),
  pc('FLW-SUN', 'Sunflowers, bunch of 5', 'Flowers', 600, 2),
  pc('FLW-TUL', 'Tulips, bunch of 10', 'Flowers', 700, 2),
  pc('FLW-MIX', 'Seasonal bouquet', 'Flowers', 1500, 2),
  pc('FLW-LAV', 'Dried lavender, bundle', 'Flowers', 650, 1),
  pc('JUI-APL', 'Cloudy apple juice, 75 cl', 'Drinks', 450, 4),
  pc('ELD-COR', 'Elderflower cordial, 50 cl', 'Drinks', 600, 2),
  pc('KOM-GIN', 'Ginger kombucha, 33 cl', 'Drinks', 350, 2, [1, 3]),
  pc('COF-BEAN', 'Coffee beans, 250 g', 'Drinks', 950, 2),
];
