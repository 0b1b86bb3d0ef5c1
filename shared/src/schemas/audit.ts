import { z } from 'zod';
import {
  authorship,
  couchFields,
  serverMadeFields,
  lineText,
  prefixedId,
  shortText,
} from './common.ts';

/** What an audit entry's before and after may weigh, as JSON: entries replicate to every phone forever. */
export const MAX_AUDIT_VALUE_BYTES = 8 * 1024;

const jsonRecord = z
  .record(z.string().max(100), z.unknown())
  .refine(
    (v) => JSON.stringify(v).length <= MAX_AUDIT_VALUE_BYTES,
    `at most ${MAX_AUDIT_VALUE_BYTES / 1024} KB of values`,
  )
  .nullable();

/** Who did what, when, from which device; written once, by any device. */
export const auditSchema = z.object({
  _id: prefixedId('audit'),
  ...couchFields,
  ...serverMadeFields,
  type: z.literal('audit'),
  action: z.string().regex(/^[a-z_]+\.[a-z_]+$/, 'action looks like product.create'),
  target: z.string().max(120),
  summary: shortText(500),
  userName: lineText(200),
  before: jsonRecord,
  after: jsonRecord,
  ...authorship,
});
export type AuditEntry = z.infer<typeof auditSchema>;
