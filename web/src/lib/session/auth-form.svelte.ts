import { describeIssues, loginInput, registerInput } from '@stallkeeper/shared';
import { ApiError, NetworkError } from '../api.ts';
import { app } from '../app.svelte.ts';
import { session } from './session.svelte.ts';

function messageOf(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof NetworkError) {
    return 'Cannot reach the server. Signing in needs a connection once; after that the app works offline.';
  }
  return 'Something went wrong. Please try again.';
}

/** Login and register form state; validates with the same schemas as the server. */
export class AuthForm {
  name = $state('');
  email = $state('');
  password = $state('');
  passwordConfirm = $state('');
  shopName = $state('');
  error = $state<string | null>(null);
  busy = $state(false);

  async login(): Promise<boolean> {
    const parsed = loginInput.safeParse({ email: this.email, password: this.password });
    if (!parsed.success) {
      this.error = describeIssues(parsed.error);
      return false;
    }
    return this.#run(async () => {
      const wasExpired = session.expired;
      await session.login(parsed.data);
      if (wasExpired) await app.resumeSync();
    });
  }

  async register(): Promise<boolean> {
    const parsed = registerInput.safeParse({
      name: this.name,
      email: this.email,
      password: this.password,
      passwordConfirm: this.passwordConfirm,
      shopName: this.shopName,
    });
    if (!parsed.success) {
      this.error = describeIssues(parsed.error, 1).replace(/^\w+: /, '');
      return false;
    }
    return this.#run(() => session.register(parsed.data));
  }

  async #run(action: () => Promise<void>): Promise<boolean> {
    this.busy = true;
    this.error = null;
    try {
      await action();
      return true;
    } catch (err) {
      this.error = messageOf(err);
      return false;
    } finally {
      this.busy = false;
    }
  }
}
