import type { Context } from 'hono';

/**
 * An answer written piece by piece as its documents are read. The body is pulled:
 * the next piece is read from the store only when the connection has taken the last,
 * so a request holds one chunk of documents in memory, however big its answer. A
 * failure part-way breaks the connection instead of ending a truncated body as if it
 * were whole.
 */
export function streamed(
  c: Context,
  pieces: AsyncIterable<string>,
  opts: { onCancel?: () => void; headers?: Record<string, string> } = {},
): Response {
  const encoder = new TextEncoder();
  const it: AsyncIterator<string> = pieces[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next: IteratorResult<string> = await it.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (err) {
        controller.error(err);
      }
    },
    async cancel() {
      opts.onCancel?.();
      await it.return?.();
    },
  });
  return c.body(body, 200, { 'Content-Type': 'application/json', ...opts.headers });
}

/**
 * `{…head, "<key>": [items…], …tail}` as pieces: the items come in chunks, each
 * chunk one piece. `head` and `tail` are JSON objects' inner text (may be empty).
 */
export async function* jsonWithArray(
  head: string,
  key: string,
  chunks: AsyncIterable<unknown[]>,
  tail: () => string,
): AsyncGenerator<string> {
  yield `{${head}${head ? ',' : ''}${JSON.stringify(key)}:[`;
  let first = true;
  for await (const chunk of chunks) {
    if (!chunk.length) continue;
    const text = chunk.map((x) => JSON.stringify(x)).join(',');
    yield first ? text : `,${text}`;
    first = false;
  }
  const rest = tail();
  yield `]${rest ? ',' : ''}${rest}}`;
}

/** A list in chunks of `size`. */
export function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
