import { describeIssues, loginInput, registerInput } from '@stallkeeper/shared';
import { ApiError, NetworkError } from '../api.ts';
import { app } from '../app.svelte.ts';
import { CaptchaSlot } from '../captcha/captcha.svelte.ts';
import { session } from './session.svelte.ts';

function messageOf(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof NetworkError) {
    return 'Cannot reach the server. Signing in needs a connection once; after that the app works offline.';
  }
  return 'Something went wrong. Please try again.';
}

const CHECK_FIRST = 'Please let the “I’m not a robot” check below finish, then try again.';
const TOO_MANY =
  'Too many tries for this account. Let the “I’m not a robot” check below finish, then sign in again.';

/** Login and register form state; validates with the same schemas as the server. */
export class AuthForm {
  name = $state('');
  email = $state('');
  password = $state('');
  passwordConfirm = $state('');
  shopName = $state('');
  error = $state<string | null>(null);
  busy = $state(false);
  /**
   * The captcha: registration carries one whenever the server has it on; a login only
   * once the server asks (after repeated failures for the account).
   */
  readonly check: CaptchaSlot;

  constructor(kind: 'login' | 'register') {
    this.check = new CaptchaSlot(kind === 'register');
  }

  async login(): Promise<boolean> {
    const parsed = loginInput.safeParse({ email: this.email, password: this.password });
    if (!parsed.success) {
      this.error = describeIssues(parsed.error);
      return false;
    }
    return this.#run(async () => {
      const wasExpired = session.expired;
      await this.check.send((altcha) => session.login({ ...parsed.data, altcha }), TOO_MANY);
      if (wasExpired) await app.resumeSync();
    });
  }

  /** Register; with an invite code the account joins that shop and no shop is made. */
  async register(invite?: string): Promise<boolean> {
    const parsed = registerInput.safeParse({
      name: this.name,
      email: this.email,
      password: this.password,
      passwordConfirm: this.passwordConfirm,
      ...(invite === undefined ? { shopName: this.shopName } : { invite }),
    });
    if (!parsed.success) {
      this.error = describeIssues(parsed.error, 1).replace(/^\w+: /, '');
      return false;
    }
    return this.#run(() =>
      this.check.send((altcha) => session.register({ ...parsed.data, altcha }), CHECK_FIRST),
    );
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
