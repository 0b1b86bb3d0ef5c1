import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip, createGzip, type Gzip } from 'node:zlib';

/** What a finished file is: its size and SHA-256 as stored (the gzip bytes), and its lines. */
export interface Written {
  bytes: number;
  sha256: string;
  lines: number;
}

/** One gzipped NDJSON file, written line by line with back-pressure; mode 0600 (it holds everything). */
export class NdjsonWriter {
  readonly #gzip: Gzip = createGzip();
  readonly #out: WriteStream;
  readonly #hash = createHash('sha256');
  #bytes = 0;
  #lines = 0;

  constructor(path: string) {
    this.#out = createWriteStream(path, { mode: 0o600, flags: 'wx' });
    this.#gzip.on('data', (chunk: Uint8Array<ArrayBuffer>) => {
      this.#hash.update(chunk);
      this.#bytes += chunk.length;
    });
    this.#gzip.pipe(this.#out);
  }

  async write(value: unknown): Promise<void> {
    this.#lines++;
    if (!this.#gzip.write(`${JSON.stringify(value)}\n`)) await once(this.#gzip, 'drain');
  }

  async finish(): Promise<Written> {
    this.#gzip.end();
    await once(this.#out, 'close');
    return { bytes: this.#bytes, sha256: this.#hash.digest('hex'), lines: this.#lines };
  }

  /** Stop writing (the caller removes the file). */
  abort(): void {
    this.#gzip.destroy();
    this.#out.destroy();
  }
}

/** SHA-256 and size of a file as it is on disk. */
export async function fileDigest(path: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Uint8Array<ArrayBuffer>>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { bytes, sha256: hash.digest('hex') };
}

/** The JSON values of a stream of NDJSON text, one a line (blank lines skipped). */
export async function* jsonLines(input: Readable): AsyncGenerator<unknown> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line) yield JSON.parse(line) as unknown;
  }
}

/** The values of one gzipped NDJSON file. */
export function readNdjson(path: string): AsyncGenerator<unknown> {
  const gunzip = createGunzip();
  const file = createReadStream(path);
  file.on('error', (err) => gunzip.destroy(err)); // pipe() alone would not pass it on
  return jsonLines(file.pipe(gunzip));
}
