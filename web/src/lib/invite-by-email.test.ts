import type { Role } from '@stallkeeper/shared';
import { describe, expect, it } from 'vitest';
import { ApiError } from './api.ts';
import { createInviteFor } from './invite-by-email.ts';
import type { NewInvite } from './team.ts';

/** The invite route's contract: `verified` says whether the owner may send email. */
function fakeCreate(verified: boolean) {
  const calls: (string | undefined)[] = [];
  const create = (_shopId: string, role: Role, email?: string): Promise<NewInvite> => {
    calls.push(email);
    if (email !== undefined && !verified) {
      return Promise.reject(new ApiError(403, 'email_not_verified', 'Confirm your email first.'));
    }
    return Promise.resolve({
      code: 'ABCD-EFGH',
      role,
      expiresAt: '2026-12-11T10:00:00.000Z',
      path: '/join?code=ABCD-EFGH',
      emailed: email !== undefined,
    });
  };
  return { create, calls };
}

describe('making an invite, by email or not', () => {
  it('makes a plain invite when no address is given', async () => {
    const fake = fakeCreate(true);
    const r = await createInviteFor(fake.create, 'shop-a', 'seller', '  ');
    expect(r).toMatchObject({ kind: 'made', sentTo: null, notice: null });
    expect(fake.calls).toEqual([undefined]);
  });

  it('sends to the address, trimmed and in lower case', async () => {
    const fake = fakeCreate(true);
    const r = await createInviteFor(fake.create, 'shop-a', 'owner', ' Ann@Example.COM ');
    expect(r).toMatchObject({ kind: 'made', sentTo: 'ann@example.com', notice: null });
    expect(fake.calls).toEqual(['ann@example.com']);
  });

  it('refuses a bad address before asking the server', async () => {
    const fake = fakeCreate(true);
    const r = await createInviteFor(fake.create, 'shop-a', 'seller', 'not an address');
    expect(r).toEqual({ kind: 'invalid', message: 'Enter a valid email address.' });
    expect(fake.calls).toEqual([]);
  });

  it('still makes the invite, without email, when the owner is not confirmed yet', async () => {
    const fake = fakeCreate(false);
    const r = await createInviteFor(fake.create, 'shop-a', 'seller', 'ann@example.com');
    expect(r.kind).toBe('made');
    if (r.kind !== 'made') return;
    expect(r.sentTo).toBeNull();
    expect(r.notice).toMatch(/confirm your own address/);
    expect(r.invite.path).toBe('/join?code=ABCD-EFGH');
    expect(fake.calls).toEqual(['ann@example.com', undefined]);
  });

  it('passes on other failures', async () => {
    const create = () => Promise.reject(new ApiError(403, 'forbidden', 'Owners only.'));
    await expect(createInviteFor(create, 'shop-a', 'seller', 'a@b.co')).rejects.toThrow(
      'Owners only.',
    );
  });
});
