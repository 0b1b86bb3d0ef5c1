import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BackupError,
  MANIFEST,
  manifestSchema,
  shopFile,
  SYSTEM_FILE,
  type FileInfo,
  type Manifest,
} from './format.ts';
import { fileDigest } from './ndjson-file.ts';

/** The backup's manifest, or a refusal saying why the directory is not a usable backup. */
export function readManifest(dir: string): Manifest {
  const path = join(dir, MANIFEST);
  if (!existsSync(path)) {
    throw new BackupError(
      `${dir} has no ${MANIFEST}: it is not a backup, or the backup did not finish.`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new BackupError(`${path} is not valid JSON.`);
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BackupError(
      `${path} is not a manifest this version understands (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}).`,
    );
  }
  const m = parsed.data;
  // the names follow from the ids: a manifest cannot point a restore at another file
  const named =
    m.system.file === SYSTEM_FILE &&
    m.shops.every((s) => s.file === shopFile(s.shopId)) &&
    new Set(m.shops.map((s) => s.shopId)).size === m.shops.length;
  if (!named) throw new BackupError(`${path} names its files wrongly.`);
  return m;
}

/** Every file the manifest names, as it says: present, the same size and SHA-256. */
export async function verifyFiles(dir: string, manifest: Manifest): Promise<void> {
  const files: FileInfo[] = [manifest.system, ...manifest.shops];
  const problems: string[] = [];
  for (const f of files) {
    const path = join(dir, f.file);
    if (!existsSync(path)) {
      problems.push(`${f.file} is missing`);
      continue;
    }
    const got = await fileDigest(path);
    if (got.bytes !== f.bytes || got.sha256 !== f.sha256) {
      problems.push(`${f.file} does not match its checksum (damaged or changed)`);
    }
  }
  if (problems.length) {
    throw new BackupError(
      `The backup in ${dir} is not intact, so nothing was restored:\n  ${problems.join('\n  ')}`,
    );
  }
}
