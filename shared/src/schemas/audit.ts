import { z } from 'zod';
import { authorship, couchFields, prefixedId, shortText } from './common.ts';

const jsonRecord = z.record(z.string().max(100), z.unknown()).nullable();

/** Who did what, when, from which device; written once, by any device. */
export const auditSchema = z.object({
  _id: prefixedId('audit'),
  ...couchFields,
  type: z.literal('audit'),
  action: z.string().regex(/^[a-z_]+\.[a-z_]+$/, 'action looks like product.create'),
  target: z.string().max(120),
  summary: shortText(500),
  userName: shortText(200),
  before: jsonRecord,
  after: jsonRecord,
  ...authorship,
});
export type AuditEntry = z.infer<typeof auditSchema>;
