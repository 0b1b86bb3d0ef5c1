import { ApiError, NetworkError } from '../api.ts';
import { schemas } from '../schemas.ts';
import { accountApi, type PasswordChange } from './account-api.ts';

type Change = (input: PasswordChange) => Promise<void>;

/**
 * Changing the password: the current one, the new one twice, checked with the
 * server's own schema first. The server signs every other device out; this one
 * stays signed in.
 */
export class PasswordForm {
  current = $state('');
  next = $state('');
  confirm = $state('');
  error = $state<string | null>(null);
  busy = $state(false);
  saved = $state(false);

  constructor(private readonly change: Change = (input) => accountApi.changePassword(input)) {}

  async submit(): Promise<boolean> {
    this.error = null;
    this.saved = false;
    const { changePasswordInput } = await schemas();
    const parsed = changePasswordInput.safeParse({
      currentPassword: this.current,
      newPassword: this.next,
      newPasswordConfirm: this.confirm,
    });
    if (!parsed.success) {
      // the first thing to fix, in words (never the field's name)
      this.error = parsed.error.issues[0]?.message ?? 'Check the passwords.';
      return false;
    }
    this.busy = true;
    try {
      await this.change(parsed.data);
      this.current = this.next = this.confirm = '';
      this.saved = true;
      return true;
    } catch (err) {
      this.error =
        err instanceof NetworkError
          ? 'Changing your password needs a connection. Try again when you are online.'
          : err instanceof ApiError
            ? err.message
            : 'That did not work. Try again.';
      return false;
    } finally {
      this.busy = false;
    }
  }
}
