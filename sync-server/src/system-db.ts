/** Small helpers over the system database (users, sessions, shops, members). */
export function isPouchError(err: unknown, status: number): boolean {
  return typeof err === 'object' && err !== null && (err as { status?: unknown }).status === status;
}

export async function getOrNull<T extends object>(
  db: PouchDB.Database,
  id: string,
): Promise<(T & PouchDB.Core.IdMeta & PouchDB.Core.GetMeta) | null> {
  try {
    return await db.get<T>(id);
  } catch (err) {
    if (isPouchError(err, 404)) return null;
    throw err;
  }
}

/** All documents whose id starts with `prefix`. */
export async function listByPrefix<T extends object>(
  db: PouchDB.Database,
  prefix: string,
): Promise<(T & { _id: string; _rev: string })[]> {
  const res = await db.allDocs({ startkey: prefix, endkey: `${prefix}\ufff0`, include_docs: true });
  return res.rows.flatMap((r) =>
    r.doc ? [r.doc as unknown as T & { _id: string; _rev: string }] : [],
  );
}
