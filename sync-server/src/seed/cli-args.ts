import { MAX_CATALOG } from './catalog.ts';
import { DEFAULT_DEMO_SIZE, LARGE_DEMO_SIZE, type DemoSize } from './demo-data.ts';

export interface SeedOptions {
  help: boolean;
  /** delete the demo shop and accounts instead */
  remove: boolean;
  size: DemoSize;
  seed: number;
  /** the activity log and what happened after the sales (false: bare history) */
  activity: boolean;
  /** write the shop's CSV files here */
  exportDir: string | null;
  bom: boolean;
  /** write the shop into the data directory (false: only export) */
  store: boolean;
}

export const SEED_HELP = `Usage: pnpm seed [options]

Re-creates the demo shop "Green Corner Market" (a market stall in Kilkenny) and its
two logins in the data directory (DATA_DIR, or COUCHDB_URL). Stop the server first.

  --size small|large   small (default): ${DEFAULT_DEMO_SIZE.products} products, ${DEFAULT_DEMO_SIZE.customers} customers,
                       ${DEFAULT_DEMO_SIZE.orders} orders over ${DEFAULT_DEMO_SIZE.days} days;
                       large: ${LARGE_DEMO_SIZE.products.toLocaleString('en')} products, ${LARGE_DEMO_SIZE.customers.toLocaleString('en')} customers,
                       ${LARGE_DEMO_SIZE.orders.toLocaleString('en')} orders over ${LARGE_DEMO_SIZE.days} days (the benchmarks' shop)
  --products N, --customers N, --orders N, --days N
                       change one number of the size
  --seed N             another shop of the same size (default 4; the same seed
                       always gives the same shop)
  --no-activity        bare history: products, opening stock, customers and orders,
                       without the activity log, deliveries, invoices, returns or restocks
  --export DIR         also write the shop as CSV files into DIR: products.csv,
                       customers.csv, orders.csv, order-lines.csv, payments.csv,
                       stock-movements.csv (the app's own export formats)
  --bom                start each CSV with a byte-order mark (for Excel)
  --no-store           with --export: only write the files, leave the data alone
  --remove             delete the demo shop and the demo accounts
  --help               show this

Examples:
  pnpm seed
  pnpm seed --size large --export ./large-shop
  pnpm seed --size large --no-store --export ./large-shop
`;

const NUMBERS = { products: MAX_CATALOG, customers: 1_000_000, orders: 10_000_000, days: 3650 };
type NumberFlag = keyof typeof NUMBERS;
const isNumberFlag = (s: string): s is NumberFlag => s in NUMBERS;

/** The options of `pnpm seed`, or what is wrong with them in one sentence. */
export function parseSeedArgs(
  argv: readonly string[],
): { ok: true; options: SeedOptions } | { ok: false; error: string } {
  const o: SeedOptions = {
    help: false,
    remove: false,
    size: { ...DEFAULT_DEMO_SIZE },
    seed: 4,
    activity: true,
    exportDir: null,
    bom: false,
    store: true,
  };
  const given: Partial<DemoSize> = {};
  const args = [...argv];
  while (args.length) {
    const arg = args.shift() ?? '';
    if (arg === '--') continue;
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const value = () => {
      const v = eq > 0 ? arg.slice(eq + 1) : args.shift();
      if (v === undefined || v === '' || (eq < 0 && v.startsWith('--'))) {
        throw new Error(`${flag} needs a value`);
      }
      return v;
    };
    try {
      const name = flag.slice(2);
      if (flag === '--help' || flag === '-h') {
        o.help = true;
      } else if (flag === '--remove') {
        o.remove = true;
      } else if (flag === '--no-activity') {
        o.activity = false;
      } else if (flag === '--bom') {
        o.bom = true;
      } else if (flag === '--no-store') {
        o.store = false;
      } else if (flag === '--demo') {
        continue;
      } // the server's own flag; harmless here
      else if (flag === '--export') {
        o.exportDir = value();
      } else if (flag === '--size') {
        const v = value();
        if (v !== 'small' && v !== 'large') throw new Error('--size is small or large');
        o.size = { ...(v === 'large' ? LARGE_DEMO_SIZE : DEFAULT_DEMO_SIZE) };
      } else if (flag === '--seed') {
        const n = Number(value());
        if (!Number.isSafeInteger(n) || n < 0) throw new Error('--seed is a whole number');
        o.seed = n;
      } else if (flag.startsWith('--') && isNumberFlag(name)) {
        const n = Number(value());
        const min = name === 'products' || name === 'days' ? 1 : 0;
        if (!Number.isSafeInteger(n) || n < min || n > NUMBERS[name]) {
          throw new Error(`--${name} is a whole number from ${min} to ${NUMBERS[name]}`);
        }
        given[name] = n;
      } else {
        throw new Error(`unknown option ${arg} (see --help)`);
      }
    } catch (err) {
      return { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
  }
  o.size = { ...o.size, ...given };
  if (!o.store && !o.exportDir) return { ok: false, error: '--no-store needs --export DIR' };
  if (o.remove && (o.exportDir || !o.store)) {
    return { ok: false, error: '--remove deletes the demo; it takes no other options' };
  }
  return { ok: true, options: o };
}
