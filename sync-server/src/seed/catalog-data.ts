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
