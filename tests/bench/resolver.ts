import { performance } from 'node:perf_hooks';
import { SYNC_BATCH } from '@stallkeeper/shared';
import { stockMovementDoc } from '@stallkeeper/shared/fixtures';
import { orderDoc, productDoc } from '../support/docs.ts';
import { localDb, registerOwner, remoteDb } from '../support/pouch-client.ts';
import { startServer } from '../support/server.ts';
import { cpuMs } from './proc.ts';

const ORDERS = 5000;

/** Wait until the process has used under 20 ms of CPU in a second: its work is done. */
async function settled(pid: number): Promise<void> {
  for (let last = cpuMs(pid); ;) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = cpuMs(pid);
    if (now - last < 20) return;
    last = now;
  }
}

/**
 * The server as one machine runs it, resolver on: one device pushes orders of a
 * stocked product; measured from the push until the server is idle again, i.e. until
 * every order has its allocation decided and stored.
 */
export async function resolverBenchmark() {
  const server = await startServer();
  try {
    const owner = await registerOwner(server.url, 'bench-resolver');
    const remote = () => remoteDb(server.url, owner.shopId, owner.cookie);
    const product = productDoc('BENCH', 'Bench product');
    const device = localDb('resolver-device');
    await device.bulkDocs([
      product,
      stockMovementDoc({
        productId: product._id,
        qty: ORDERS * 3,
        by: owner.userId,
        deviceId: owner.deviceId,
      }),
    ]);
    await device.replicate.to(remote());
    await settled(server.pid());
    const orders = Array.from({ length: ORDERS }, (_, i) =>
      orderDoc(product, 1 + (i % 3), owner.userId, owner.deviceId, i + 1),
    );
    for (let i = 0; i < orders.length; i += 1000) await device.bulkDocs(orders.slice(i, i + 1000));
    const cpu0 = cpuMs(server.pid());
    const t0 = performance.now();
    const pushed = await device.replicate.to(remote(), { batch_size: SYNC_BATCH.push });
    const pushSeconds = (performance.now() - t0) / 1000;
    await settled(server.pid());
    const cpu = cpuMs(server.pid()) - cpu0;
    const decided = await remote().allDocs({
      startkey: 'allocation:',
      endkey: 'allocation:\ufff0',
    });
    if (pushed.docs_written !== ORDERS || decided.rows.length !== ORDERS) {
      throw new Error(
        `resolver bench: ${pushed.docs_written} pushed, ${decided.rows.length} decided`,
      );
    }
    return {
      orders: ORDERS,
      pushDocsPerSecond: Math.round(ORDERS / pushSeconds),
      serverCpuMsPer1000Orders: Number(((cpu / ORDERS) * 1000).toFixed(1)),
    };
  } finally {
    await server.dispose();
  }
}
