import { describeIssues, forgotInput } from '@stallkeeper/shared';
import { ApiError, NetworkError } from '../api.ts';
import { CaptchaSlot } from '../captcha/captcha.svelte.ts';
import { authApi } from './auth-api.ts';

/** "Forgot password?": ask for a reset link by email. */
export class ForgotForm {
  email = $state('');
  error = $state<string | null>(null);
  busy = $state(false);
  /** the request went out; the server never says whether the email has an account */
  sent = $state(false);
  readonly check = new CaptchaSlot(true);

  async submit(): Promise<void> {
    const parsed = forgotInput.safeParse({ email: this.email });
    if (!parsed.success) {
      this.error = describeIssues(parsed.error, 1).replace(/^\w+: /, '');
      return;
    }
    this.busy = true;
    this.error = null;
    try {
      await this.check.send(
        (altcha) => authApi.forgot({ ...parsed.data, altcha }),
        'Please let the “I’m not a robot” check below finish, then send again.',
      );
      this.sent = true;
    } catch (err) {
      this.error =
        err instanceof NetworkError
          ? 'Cannot reach the server. Asking for a reset link needs a connection.'
          : err instanceof ApiError
            ? err.message
            : 'Something went wrong. Please try again.';
    } finally {
      this.busy = false;
    }
  }

  /** Send to another address (or the same one again). */
  again(): void {
    this.sent = false;
  }
}
