import { describe, expect, it } from 'vitest';
import { addProduct, openTestShop, settle } from '../db/testing.ts';
import { ChainStatus } from './chain-status.svelte.ts';
import { chainWords } from './chain.ts';

const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');
const at = '2026-12-02T09:30:00.000Z';

describe('the audit chain in words', () => {
  it('says up to when the chain is verified', () => {
    const check = { result: { ok: true as const, entries: 3, head: 'h' }, checkedAt: at };
    expect(chainWords(check, { sentence: 'Sale K3-0001', at }, true, when)).toEqual({
      tone: 'ok',
      headline: 'Chain verified up to 2026-12-02 09:30',
      detail: '',
    });
  });

  it('names the entry that broke, when it was written and why', () => {
    const check = {
      result: {
        ok: false as const,
        brokenAt: 7,
        auditId: 'audit:x',
        reason: 'the audit entry was changed after it was sealed',
      },
      checkedAt: at,
    };
    const words = chainWords(
      check,
      { sentence: 'Payment of €5.00 for order K3-0002', at },
      true,
      when,
    );
    expect(words.tone).toBe('broken');
    expect(words.detail).toBe(
      'The entry “Payment of €5.00 for order K3-0002” of 2026-12-02 09:30: the audit entry was changed after it was sealed. Entries after it cannot be vouched for.',
    );
    expect(words.detail).not.toMatch(/audit:|7/);
  });

  it('says an answer kept from before is one', () => {
    const check = { result: { ok: true as const, entries: 0, head: 'h' }, checkedAt: at };
    expect(chainWords(check, null, false, when)).toEqual({
      tone: 'ok',
      headline: 'Nothing recorded yet to verify',
      detail: 'Last checked 2026-12-02 09:30; it is checked again when this device is online.',
    });
  });
});

describe('the chain status', () => {
  it('keeps the server’s answer and shows it again offline, with the last verified entry', async () => {
    const ctx = await openTestShop();
    await addProduct(ctx, { name: 'Plums' });
    await settle(ctx);
    const [entry] = await ctx.local.audit.toArray();
    // the entry reached the server
    await ctx.local.outbox.clear();
    const online = new ChainStatus(() =>
      Promise.resolve({ ok: true, entries: 1, head: 'h', lastAuditId: entry?.id }),
    );
    await online.load(ctx);
    expect(online.fresh).toBe(true);
    expect(online.entry?.summary).toBe('Added product Plums');

    const offline = new ChainStatus(() => Promise.reject(new Error('offline')));
    await offline.load(ctx);
    expect(offline.fresh).toBe(false);
    expect(offline.check?.result.ok).toBe(true);
    expect(offline.entry?.refs.product?.name).toBe('Plums');
  });

  it('without the server naming it, takes the newest entry that had reached the server', async () => {
    const ctx = await openTestShop();
    await addProduct(ctx, { name: 'Plums' });
    await settle(ctx);
    const status = new ChainStatus(() => Promise.resolve({ ok: true, entries: 1, head: 'h' }));
    await status.load(ctx);
    // still in the outbox: not on the server, so not what was verified
    expect(status.entry).toBeNull();
    await ctx.local.outbox.clear();
    await status.load(ctx);
    expect(status.entry?.summary).toBe('Added product Plums');
  });

  it('names the entry that broke', async () => {
    const ctx = await openTestShop();
    await addProduct(ctx, { name: 'Plums' });
    await settle(ctx);
    const [entry] = await ctx.local.audit.toArray();
    const status = new ChainStatus(() =>
      Promise.resolve({
        ok: false,
        brokenAt: 1,
        auditId: entry?.id ?? '',
        reason: 'the audit entry is missing',
      }),
    );
    await status.load(ctx);
    expect(status.entry?.id).toBe(entry?.id);
  });
});
