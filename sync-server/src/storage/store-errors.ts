/** An error to throw, carrying CouchDB's `status`, `name` and `reason` as PouchDB's do. */
export const storeError = (status: number, name: string, reason: string) =>
  Object.assign(new Error(reason), { status, name, error: true, reason });

export const notFound = (reason: 'missing' | 'deleted') => storeError(404, 'not_found', reason);
