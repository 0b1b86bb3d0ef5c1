import type { AuditEntry } from '../schemas/audit.ts';
import { nameOf, type ExportNames } from './names.ts';
import type { ExportTable } from './table.ts';

/** The part of an audit entry an export reads. */
export type ExportActivity = Pick<AuditEntry, 'at' | 'by' | 'deviceId' | 'action' | 'userName'>;

export const ACTIVITY_COLUMNS = ['at', 'who', 'device', 'action', 'what'] as const;

/**
 * The activity log, one row per entry in the order given. `who` is the name the
 * entry was written under (else the one known now); `what` is the sentence the
 * app shows for it, made by the caller (`describe`), since the words are the app's.
 */
export function activityTable<E extends ExportActivity>(
  entries: readonly E[],
  names: ExportNames,
  describe: (entry: E) => string,
): ExportTable {
  const rows = entries.map((e) => [
    e.at,
    e.userName || nameOf(names.people, e.by),
    nameOf(names.devices, e.deviceId),
    e.action,
    describe(e),
  ]);
  return { name: 'activity', columns: [...ACTIVITY_COLUMNS], rows };
}
