import type { Kv } from './kv.ts';
import type { RevTree } from './rev-tree.ts';
import { K } from './store-keys.ts';
import type { AttachmentStub } from './write-plan.ts';

/** The stored revision trees of `ids`, in one `getMany`; absent documents are left out. */
export async function readTrees(kv: Kv, ids: string[]): Promise<Map<string, RevTree>> {
  const out = new Map<string, RevTree>();
  if (!ids.length) return out;
  const values = await kv.getMany(ids.map(K.doc));
  ids.forEach((id, i) => {
    const v = values[i];
    if (v) out.set(id, (JSON.parse(v) as { t: RevTree }).t);
  });
  return out;
}

/** The attachment stubs a stored revision carries, if any (a new revision's stubs refer to them). */
export async function readBodyAttachments(
  kv: Kv,
  id: string,
  rev: string,
): Promise<Record<string, AttachmentStub> | undefined> {
  const raw = await kv.get(K.body(id, rev));
  return raw
    ? (JSON.parse(raw) as { _attachments?: Record<string, AttachmentStub> })._attachments
    : undefined;
}
