import { Hono, type Context } from 'hono';
import { notFound } from '../errors.ts';
import type { AppEnv } from '../http/types.ts';
import { isLoopback, PROXY_HEADERS, type AdminAccess } from './admin-access.ts';
import { snapshotRecords } from './snapshot.ts';

/** Lines are sent in chunks of about this many characters. */
const CHUNK = 64 * 1024;

/** The socket's peer itself, never a forwarded header: TRUST_PROXY does not apply here. */
function peer(c: Context<AppEnv>): string | undefined {
  return (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming
    ?.socket?.remoteAddress;
}

/** The bearer token, from the header only: a token in a URL ends up in logs and histories. */
function bearer(c: Context<AppEnv>): string | undefined {
  const m = /^Bearer ([0-9a-f]{64})$/.exec(c.req.header('authorization') ?? '');
  return m?.[1];
}

/**
 * `POST /api/admin/backup`: the running server's snapshot as NDJSON (format.ts), for
 * `pnpm backup`. Anything short of a loopback peer, no proxy headers and the token is
 * the same 404 as an unknown path, so the route does not show it exists.
 */
export function adminRoutes(access: AdminAccess | undefined) {
  const app = new Hono<AppEnv>();
  app.post('/backup', (c) => {
    const local = isLoopback(peer(c)) && PROXY_HEADERS.every((h) => c.req.header(h) === undefined);
    if (!access || !local || !access.accepts(bearer(c))) throw notFound('No such endpoint.');
    const { storage, log } = c.get('services');
    const records = snapshotRecords(storage)[Symbol.asyncIterator]();
    const encoder = new TextEncoder();
    log.info('backup started');
    const body = new ReadableStream<Uint8Array>({
      async pull(out) {
        try {
          let chunk = '';
          while (chunk.length < CHUNK) {
            const next = await records.next();
            if (next.done) {
              if (chunk) out.enqueue(encoder.encode(chunk));
              out.close();
              log.info('backup sent');
              return;
            }
            chunk += `${JSON.stringify(next.value)}\n`;
          }
          out.enqueue(encoder.encode(chunk));
        } catch (err) {
          // the stream ends without its last line: the client knows the copy is incomplete
          log.error('backup failed', { err: String(err) });
          out.error(err);
        }
      },
      async cancel() {
        await records.return(undefined);
      },
    });
    return new Response(body, {
      headers: { 'Content-Type': 'application/x-ndjson', 'Cache-Control': 'no-store' },
    });
  });
  return app;
}
