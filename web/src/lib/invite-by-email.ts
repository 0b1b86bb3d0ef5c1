import type { Role } from '@stallkeeper/shared';
import { ApiError } from './api.ts';
import { schemas } from './schemas.ts';
import type { NewInvite } from './team.ts';

type Create = (shopId: string, role: Role, email?: string) => Promise<NewInvite>;

export type InviteOutcome =
  | { kind: 'invalid'; message: string }
  | { kind: 'made'; invite: NewInvite; sentTo: string | null; notice: string | null };

/**
 * Make an invite, emailing its link when an address is given. An owner whose own
 * address is not confirmed may not send email yet: the invite is then made without
 * it, so the code and link can still be passed on by hand.
 */
export async function createInviteFor(
  create: Create,
  shopId: string,
  role: Role,
  addressText: string,
): Promise<InviteOutcome> {
  if (!addressText.trim()) {
    return { kind: 'made', invite: await create(shopId, role), sentTo: null, notice: null };
  }
  const { emailField } = await schemas();
  const parsed = emailField.safeParse(addressText);
  if (!parsed.success) {
    return {
      kind: 'invalid',
      message: parsed.error.issues[0]?.message ?? 'Enter a valid email address.',
    };
  }
  try {
    const invite = await create(shopId, role, parsed.data);
    return { kind: 'made', invite, sentTo: invite.emailed ? parsed.data : null, notice: null };
  } catch (err) {
    if (!(err instanceof ApiError && err.code === 'email_not_verified')) throw err;
    return {
      kind: 'made',
      invite: await create(shopId, role),
      sentTo: null,
      notice:
        'The link was not emailed: the shop can send email once you confirm your own address (see Account). Pass on the code or link below yourself.',
    };
  }
}
