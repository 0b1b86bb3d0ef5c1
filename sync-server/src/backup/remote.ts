import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { BackupError, toRecord, type BackupRecord } from './format.ts';
import { jsonLines } from './ndjson-file.ts';

/** Why the server gave no snapshot: it refused (404), or could not be reached. */
export class NotAnswered extends Error {}

/**
 * Ask the running server for its snapshot (`POST /api/admin/backup`, routes.ts). The
 * token goes in a header, never the URL. Resolves once the answer starts; the records
 * then stream, and a stream cut short lacks its `{end}` (writeBackup refuses it).
 */
export async function remoteRecords(
  url: string,
  token: string,
): Promise<AsyncIterable<BackupRecord>> {
  const res = await fetch(`${url}/api/admin/backup`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
  }).catch((err: unknown) => {
    throw new NotAnswered(`the server at ${url} did not answer (${String(err)})`);
  });
  if (res.status === 404) throw new NotAnswered(`the server at ${url} refused the token`);
  if (!res.ok || !res.body) {
    throw new BackupError(`the server at ${url} answered ${res.status}: ${await res.text()}`);
  }
  return records(jsonLines(Readable.fromWeb(res.body as NodeReadableStream<Uint8Array>)));
}

async function* records(lines: AsyncIterable<unknown>): AsyncGenerator<BackupRecord> {
  for await (const line of lines) yield toRecord(line);
}
