import { describe, expect, it } from 'vitest';
import { customerDoc } from '../support/docs.ts';
import { registerOwner } from '../support/pouch-client.ts';
import { startServer } from '../support/server.ts';

describe('graceful shutdown', () => {
  it('SIGTERM lets an in-flight bulk write finish and keeps every document', async () => {
    const server = await startServer({ env: { LOG_LEVEL: 'info' } });
    try {
      const owner = await registerOwner(server.url);
      const docs = Array.from({ length: 4000 }, (_, i) => customerDoc(`Shutdown ${i}`));
      const write = fetch(`${server.url}/db/${owner.shopId}/_bulk_docs`, {
        method: 'POST',
        headers: { cookie: owner.cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ docs }),
      });
      await new Promise((r) => setTimeout(r, 150)); // the request is being processed
      const stopped = server.stop(); // SIGTERM
      const res = await write;
      expect(res.status).toBe(201);
      const results = (await res.json()) as { ok?: boolean }[];
      expect(results.filter((r) => r.ok)).toHaveLength(4000);
      await stopped;
      expect(server.output()).toMatch(/shutting down[\s\S]*"stopped"/);

      // After a restart, everything the server acknowledged is there.
      await server.restart();
      const all = (await (
        await fetch(`${server.url}/db/${owner.shopId}/_all_docs`, {
          headers: { cookie: owner.cookie },
        })
      ).json()) as { rows: { id: string }[] };
      expect(all.rows.filter((r) => r.id.startsWith('customer:'))).toHaveLength(4000);
    } finally {
      await server.dispose();
    }
  });
});
