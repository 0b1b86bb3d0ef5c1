import { describeIssues, resetInput } from '@stallkeeper/shared';
import { ApiError, NetworkError } from '../api.ts';
import { authApi } from './auth-api.ts';

/** 'form': choosing a password; 'done': changed; 'invalid': the link was used, expired or broken. */
export type ResetStep = 'form' | 'done' | 'invalid';

/** The reset link's page: a new password for the account the link was sent for. */
export class ResetForm {
  password = $state('');
  passwordConfirm = $state('');
  error = $state<string | null>(null);
  busy = $state(false);
  step = $state<ResetStep>('form');
  #token: string | null;

  constructor(token: string | null) {
    this.#token = token;
    if (!token) this.step = 'invalid';
  }

  async submit(): Promise<void> {
    const parsed = resetInput.safeParse({
      token: this.#token ?? '',
      password: this.password,
      passwordConfirm: this.passwordConfirm,
    });
    if (!parsed.success) {
      const onToken = parsed.error.issues.some((i) => i.path[0] === 'token');
      if (onToken) this.step = 'invalid';
      else this.error = describeIssues(parsed.error, 1).replace(/^\w+: /, '');
      return;
    }
    this.busy = true;
    this.error = null;
    try {
      await authApi.reset(parsed.data);
      this.#token = null;
      this.step = 'done';
    } catch (err) {
      if (err instanceof ApiError && err.code === 'invalid_token') {
        this.step = 'invalid';
      } else if (err instanceof ApiError) {
        this.error = err.message;
      } else if (err instanceof NetworkError) {
        this.error = 'Cannot reach the server. Setting a new password needs a connection.';
      } else {
        this.error = 'Something went wrong. Please try again.';
      }
    } finally {
      this.busy = false;
    }
  }
}
