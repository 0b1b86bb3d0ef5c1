import { ApiError, NetworkError } from '../api.ts';
import { authApi } from '../session/auth-api.ts';
import { deviceValue, setDeviceValue } from '../session/device.ts';
import { session } from '../session/session.svelte.ts';

const dismissedKey = (userId: string) => `account-notice-dismissed:${userId}`;

/**
 * What the account notice says: the email is not confirmed yet (the shop cannot email
 * customers until it is), and, for an owner, that this server has no mail server (so its
 * messages are kept as files). Hidden on this device once dismissed.
 */
export class AccountNotices {
  /** the server sends no email (null: not known yet, or offline) */
  mailMissing = $state<boolean | null>(null);
  dismissed = $state(true);
  resend = $state<'idle' | 'sending' | 'sent'>('idle');
  error = $state<string | null>(null);

  readonly unverified = $derived(session.user?.emailVerified === false);
  readonly owner = $derived(session.activeShop?.role === 'owner');
  readonly showMail = $derived(this.owner && this.mailMissing === true);
  readonly visible = $derived(!this.dismissed && (this.unverified || this.showMail));

  async load(): Promise<void> {
    const userId = session.user?.id;
    if (!userId) return;
    this.dismissed = (await deviceValue<boolean>(dismissedKey(userId))) === true;
    try {
      this.mailMissing = !(await authApi.options()).mail;
    } catch {
      this.mailMissing = null; // offline: say nothing about the server
    }
  }

  async dismiss(): Promise<void> {
    this.dismissed = true;
    const userId = session.user?.id;
    if (userId) await setDeviceValue(dismissedKey(userId), true);
  }

  async resendLink(): Promise<void> {
    this.resend = 'sending';
    this.error = null;
    try {
      await authApi.resendVerification();
      this.resend = 'sent';
    } catch (err) {
      this.resend = 'idle';
      this.error =
        err instanceof NetworkError
          ? 'Cannot reach the server. Sending the link needs a connection.'
          : err instanceof ApiError
            ? err.message
            : 'Something went wrong. Please try again.';
    }
  }
}
