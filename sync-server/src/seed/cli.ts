import { resolve } from 'node:path';
import type { ShopDoc } from '@stallkeeper/shared';
import { createServices } from '../app.ts';
import { callerDir, loadEnv } from '../env.ts';
import { createLogger } from '../log.ts';
import { storageFromEnv } from '../storage/from-env.ts';
import { parseSeedArgs, SEED_HELP, type SeedOptions } from './cli-args.ts';
import { DEVICES, type DemoPeople } from './demo-context.ts';
import { buildDemoShop } from './demo-data.ts';
import { DEMO_OWNER, DEMO_SELLER, demoBanner, ensureDemo, removeDemo } from './demo.ts';
import { shopTables, writeTables } from './export-csv.ts';

/**
 * `pnpm seed`: re-creates the demo shop's data (any size), optionally writing it as
 * CSV files too; `pnpm seed --remove` deletes the demo shop and accounts. Stop the
 * server first (LevelDB is single-process). `--help` lists the options.
 */
const argv = process.argv.slice(2);
const parsed = parseSeedArgs(argv);
if (!parsed.ok) {
  process.stderr.write(`pnpm seed: ${parsed.error}\n`);
  process.exit(2);
}
const opts = parsed.options;
if (opts.help) {
  process.stdout.write(SEED_HELP);
  process.exit(0);
}
const env = loadEnv(undefined, argv); // env.ts reads process.env
const where = env.COUCHDB_URL ?? env.DATA_DIR;
// --export is relative to where the command was run, as DATA_DIR is in env.ts (pnpm
// runs the script inside sync-server and records the caller's directory)
const base = callerDir();

const say = (line: string) => process.stdout.write(`${line}\n`);
const count = (n: number) => n.toLocaleString('en');

async function exportShop(docs: ShopDoc[], people: Required<DemoPeople>, o: SeedOptions) {
  if (!o.exportDir) return;
  const dir = resolve(base, o.exportDir);
  const names = {
    people: new Map([
      [people.ownerId, people.ownerName],
      [people.sellerId, people.sellerName],
    ]),
    devices: new Map<string, string>([
      [DEVICES.stall, `${people.sellerName}'s phone`],
      [DEVICES.ownerPhone, `${people.ownerName}'s phone`],
      [DEVICES.laptop, `${people.ownerName}'s laptop`],
    ]),
  };
  const tables = shopTables(docs, names);
  await writeTables(dir, tables, { bom: o.bom });
  say(
    `Wrote ${tables.map((t) => `${t.name}.csv (${count(t.rows.length)} rows)`).join(', ')} to ${dir}`,
  );
}

if (!opts.store) {
  // only the files: the shop as the demo accounts would own it, no data directory
  const started = Date.now();
  const people = {
    ownerId: 'demo-owner',
    sellerId: 'demo-seller',
    ownerName: DEMO_OWNER.name,
    sellerName: DEMO_SELLER.name,
  };
  const docs = buildDemoShop(people, Date.now(), opts.size, opts.seed, {
    activity: opts.activity,
  });
  say(`Built ${count(docs.length)} documents in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await exportShop(docs, people, opts);
  process.exit(0);
}

if (!opts.remove && env.NODE_ENV === 'production' && !env.ALLOW_DEMO_ACCOUNTS) {
  // The same rule as the server's: it would refuse to start with these accounts.
  process.stderr.write(
    'Refusing to create the demo accounts (public passwords) with NODE_ENV=production; ' +
      'set ALLOW_DEMO_ACCOUNTS=true if you mean it.\n',
  );
  process.exit(1);
}

const storage = storageFromEnv(env);
try {
  const services = createServices({ storage, log: createLogger(env.LOG_LEVEL), resolve: false });
  if (opts.remove) {
    const { shopId, emails } = await removeDemo(services);
    const what = [
      ...(shopId ? [`the demo shop ${shopId}`] : []),
      ...(emails.length ? [`the accounts ${emails.join(', ')}`] : []),
    ];
    say(what.length ? `Removed ${what.join(' and ')} from ${where}` : `No demo data in ${where}`);
  } else {
    const started = Date.now();
    const { shopId, docs, people } = await ensureDemo(services, {
      reset: true,
      size: opts.size,
      seed: opts.seed,
      activity: opts.activity,
    });
    const { products, customers, orders, days } = opts.size;
    say(
      `Demo shop ${shopId} re-created in ${where}: ${count(products)} products, ` +
        `${count(customers)} customers, ${count(orders)} orders over ${days} days ` +
        `(${count(docs.length)} documents, ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
    if (people) await exportShop(docs, people, opts);
    say(demoBanner(env.PORT, 'ready'));
  }
} catch (err) {
  const msg = err instanceof Error ? err.message : String(err);
  if (/lock/i.test(msg)) {
    process.stderr.write(
      'The data directory is in use. Stop the running server, then run `pnpm seed` again.\n',
    );
  } else {
    process.stderr.write(`${opts.remove ? 'Removing the demo' : 'Seeding'} failed: ${msg}\n`);
  }
  process.exitCode = 1;
} finally {
  await storage.close();
}
