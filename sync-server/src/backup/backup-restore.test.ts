/**
 * The scenario, with real things only: the server as a process on LevelDB, a
 * device that is a PouchDB database replicating over HTTP, `pnpm backup` taken while
 * the server runs, and `pnpm restore` of that (now older) backup after the device sold
 * more and a customer ordered on the shop page. The device re-pushes what the server
 * lost, the online order included (the server's seal shows it wrote it); nothing is
 * lost or counted twice.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allocationId, ulid } from '@stallkeeper/shared';
import {
  customerDoc,
  lineFor,
  orderDoc,
  productDoc,
  stockMovementDoc,
} from '@stallkeeper/shared/fixtures';
import PouchDB from 'pouchdb';
import memoryAdapter from 'pouchdb-adapter-memory';
import { afterAll, describe, expect, it } from 'vitest';
import { callApi, overHttp, readJson, registerUser, type TestAccount } from '../test-helpers.ts';
import { runServer, type Run } from '../test-process.ts';
import { manifestSchema } from './format.ts';

PouchDB.plugin(memoryAdapter);

type Doc = Record<string, unknown> & { _id: string; _rev: string; _conflicts?: string[] };

const dirs: string[] = [];
const tempDir = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), `stallkeeper-${name}-`));
  dirs.push(dir);
  return dir;
};
const running: Run[] = [];
afterAll(() => {
  for (const run of running) run.kill();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const SERVER_DIR = fileURLToPath(new URL('../..', import.meta.url));

/** `pnpm backup <dir>` / `pnpm restore <dir>` as the command runs them: a process of its own. */
function runBackupCli(command: 'backup' | 'restore', dir: string, dataDir: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'production' };
  delete env.COUCHDB_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/backup/cli.ts', command, dir], {
    cwd: SERVER_DIR,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, stdout, stderr })),
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function start(dataDir: string, port: number): Promise<string> {
  const run = runServer(dataDir, { PORT: String(port), RUN_RESOLVERS: 'true', CAPTCHA: 'off' });
  running.push(run);
  await run.listening;
  return `http://127.0.0.1:${port}`;
}

async function stop(): Promise<void> {
  const run = running.pop();
  run?.stop();
  expect(await run?.exited).toBe(0);
}

/** The shop on the server as the app reaches it: the session cookie, nothing else. */
function remote(url: string, shopId: string, cookie: string): PouchDB.Database {
  return new PouchDB(`${url}/db/${shopId}`, {
    fetch: (u, opts) => {
      const o = opts ?? {};
      (o.headers as unknown as { set(name: string, value: string): void }).set('Cookie', cookie);
      return PouchDB.fetch(u, o);
    },
  });
}

async function waitFor(what: string, probe: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Every document of a database with its conflicts, by id. */
async function everything(db: PouchDB.Database): Promise<Map<string, Doc>> {
  const res = await db.allDocs({ include_docs: true, conflicts: true });
  return new Map(res.rows.flatMap((r) => (r.doc ? [[r.id, r.doc as unknown as Doc]] : [])));
}

const allocated = (server: PouchDB.Database, orderIds: string[]) => async () => {
  const res = await server.allDocs({ keys: orderIds.map((id) => allocationId(id, 0)) });
  return res.rows.every((r) => 'value' in r && !('error' in r));
};

describe('pnpm backup and pnpm restore', () => {
  it('restores an older backup: the device re-pushes what the server lost, once', async () => {
    const dataDir = tempDir('data');
    const backupDir = join(tempDir('backups'), 'monday');
    const port = await freePort();
    let url = await start(dataDir, port);
    const owner: TestAccount = await registerUser(overHttp(url), 'Olga');
    const by = { by: owner.userId, deviceId: owner.deviceId };
    const device = new PouchDB(`device_${ulid()}`, { adapter: 'memory' });
    let server = remote(url, owner.shopId, owner.cookie);

    // Before the backup: the shop's page, a product sold there too, 20 in stock, a
    // customer and three sales.
    const slug = 'olga-jams';
    const published = await callApi(
      overHttp(url),
      owner.cookie,
      'PUT',
      `/api/v1/shops/${owner.shopId}/storefront`,
      {
        published: true,
        slug,
        pickup: { place: 'Stall 4', times: [] },
        delivery: null,
        minimumOrder: 0,
        timeZone: 'Europe/Lisbon',
      },
    );
    expect(published.status, await published.clone().text()).toBe(200);
    const jam = productDoc({
      code: 'JAM-1',
      name: 'Plum jam',
      price: 450,
      online: true,
      onlineAllowance: null,
    });
    const sale = (n: number) =>
      orderDoc({ number: `K3-${String(n).padStart(4, '0')}`, lines: [lineFor(jam, 1)], ...by });
    const before = [
      jam,
      stockMovementDoc({ productId: jam._id, qty: 20, ...by }),
      customerDoc({ name: 'Ada' }),
      sale(1),
      sale(2),
      sale(3),
    ];
    await device.bulkDocs(before);
    const first = before.slice(3).map((d) => d._id);
    expect((await device.replicate.to(server)).doc_write_failures).toBe(0);
    await waitFor('the first allocations', allocated(server, first));
    await device.replicate.from(server);

    // The backup, through the running server as `pnpm backup` asks it.
    const backup = await runBackupCli('backup', backupDir, dataDir);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toContain('Backed up 1 shop(s)');
    const manifest = manifestSchema.parse(
      JSON.parse(readFileSync(join(backupDir, 'manifest.json'), 'utf8')),
    );
    expect(manifest.via).toBe('server');

    // After it: three more sales, synced both ways (the resolver allocates them).
    const later = [sale(4), sale(5), sale(6)];
    await device.bulkDocs(later);
    const second = later.map((d) => d._id);
    expect((await device.replicate.to(server)).doc_write_failures).toBe(0);
    await waitFor('the later allocations', allocated(server, second));
    // …and a customer orders a jar on the shop page; the device pulls it all.
    const placed = await orderOnline(url, slug, jam._id);
    expect(placed.number).toBe('WEB-0001');
    await waitFor('the online allocation', async () => {
      const docs = await everything(server);
      const order = [...docs.values()].find((d) => d.number === 'WEB-0001');
      return order !== undefined && (await allocated(server, [order._id])());
    });
    await device.replicate.from(server);
    const heldBefore = await everything(device);
    // what the server wrote for it: the order, its new customer and its activity entry
    const online = [...heldBefore.values()].filter((d) => typeof d.serverSeal === 'string');
    const webOrder = online.find((d) => d._id.startsWith('order:'));
    expect(webOrder).toMatchObject({ number: 'WEB-0001', source: 'online' });
    expect(online.map((d) => d._id.split(':')[0]).sort()).toEqual(['audit', 'customer', 'order']);
    const webId = webOrder?._id ?? '';

    // A restore under the running server is refused, before anything is touched.
    const refused = await runBackupCli('restore', backupDir, dataDir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/The server is running on .*Stop it first/);
    expect(readdirSync(dataDir).some((n) => n.startsWith('before-restore-'))).toBe(false);

    // The server's disk dies; the Monday backup comes back.
    await stop();
    const restored = await runBackupCli('restore', backupDir, dataDir);
    expect(restored.code, restored.stderr).toBe(0);
    expect(readdirSync(dataDir).some((n) => n.startsWith('before-restore-'))).toBe(true);
    url = await start(dataDir, port);
    server = remote(url, owner.shopId, owner.cookie);
    // the restored server had not seen the later sales
    const lost = await server.allDocs({ keys: [...second, ...online.map((d) => d._id)] });
    expect(lost.rows.every((r) => 'error' in r)).toBe(true);

    // The device syncs both ways, as the app does after a restart.
    const push = await device.replicate.to(server);
    // From the restored checkpoints: only what came after the backup is looked at again. The
    // sales and the online order's documents go back; the allocations it pulled are the
    // server's to write, refused and re-decided.
    expect(push.docs_read).toBe((later.length + 1) * 2 + online.length - 1);
    expect(push.docs_written).toBe(later.length + online.length);
    expect(push.doc_write_failures).toBe(later.length + 1);
    expect(push.errors.map((e) => (e as { id?: string }).id).sort()).toEqual(
      [...second, webId].map((id) => allocationId(id, 0)).sort(),
    );
    await waitFor('the re-pushed sales allocated', allocated(server, [...second, webId]));
    await device.replicate.from(server);
    await device.replicate.to(server);

    const onServer = await everything(server);
    const onDevice = await everything(device);
    const orders = [...first, ...second, webId];
    // Every order exactly once, unconflicted, on both sides.
    for (const docs of [onServer, onDevice]) {
      const ids = [...docs.keys()].filter((id) => id.startsWith('order:'));
      expect(ids.sort()).toEqual([...orders].sort());
      for (const id of ids) expect(docs.get(id)?._conflicts, id).toBeUndefined();
    }
    // Each order has one first allocation decision on the server, and no second one.
    for (const id of orders) {
      const decisions = [...onServer.values()].filter(
        (d) => d._id.startsWith('allocation:') && d.orderId === id,
      );
      expect(decisions.map((d) => d._id)).toEqual([allocationId(id, 0)]);
      expect(decisions[0]?._conflicts).toBeUndefined();
      expect(decisions[0]).toMatchObject({ status: 'confirmed' });
    }
    // The server's own documents are back as they were, revision for revision.
    for (const doc of online) expect(onServer.get(doc._id)).toEqual(doc);
    // Stock on hand counts each of the seven sales once: 20 − 7.
    const stock = await readJson<{ items: { productId: string; onHand: number }[] }>(
      await callApi(overHttp(url), owner.cookie, 'GET', `/api/v1/shops/${owner.shopId}/stock`),
    );
    expect(stock.items.find((i) => i.productId === jam._id.slice('product:'.length))?.onHand).toBe(
      13,
    );
    // The shop page's numbers go on after the order given back.
    expect((await orderOnline(url, slug, jam._id)).number).toBe('WEB-0002');
    // What was made before the backup is as it was, revision for revision.
    for (const doc of before) {
      expect(onServer.get(doc._id)?._rev).toBe(heldBefore.get(doc._id)?._rev);
      expect(onServer.get(doc._id)).toMatchObject(JSON.parse(JSON.stringify(doc)) as object);
    }
    // The device's copy of each decision is the server's, revision for revision: a
    // decision it pulled after the backup is made again with the same content, and a
    // decision's revision is named by its content, so there is no second version.
    for (const id of orders) {
      const theirs = onServer.get(allocationId(id, 0));
      const leaves = await device.get(allocationId(id, 0), { open_revs: 'all' });
      expect(leaves.map((l) => ('ok' in l ? l.ok._rev : 'missing'))).toEqual([theirs?._rev]);
    }
    await device.destroy();
    await stop();
    expect(existsSync(join(dataDir, 'admin-token.json'))).toBe(false);
    // With the server stopped, `pnpm backup` reads the data directory itself.
    const offline = await runBackupCli('backup', join(backupDir, '..', 'tuesday'), dataDir);
    expect(offline.code, offline.stderr).toBe(0);
    expect(offline.stdout).toMatch(/Backed up 1 shop\(s\), \d+ documents.*\(server not running\)/);
  }, 180_000);
});

/** A customer orders one of `productId` on the shop page (pickup, pay on collection). */
async function orderOnline(url: string, slug: string, productId: string) {
  const res = await fetch(`${url}/api/public/shops/${slug}/orders`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      customer: { name: 'Ana Costa', phone: '+351 912 345 678' },
      channel: 'pickup',
      lines: [{ productId: productId.slice('product:'.length), qty: 1 }],
      payment: 'on_collection',
    }),
  });
  const body = (await res.json()) as { number?: string };
  expect(res.status, JSON.stringify(body)).toBe(201);
  return body;
}
