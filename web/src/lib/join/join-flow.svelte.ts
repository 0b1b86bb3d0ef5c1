import type { InvitePreview } from '@stallkeeper/shared';
import { ApiError, NetworkError } from '../api.ts';
import { AuthForm } from '../session/auth-form.svelte.ts';
import { authApi } from '../session/auth-api.ts';
import { session } from '../session/session.svelte.ts';
import { team } from '../team.ts';

/** What the invite link turned out to be. */
export type InviteLookup =
  | { kind: 'loading' }
  | { kind: 'ready'; invite: InvitePreview }
  | { kind: 'missing' }
  | { kind: 'invalid' }
  | { kind: 'offline' };

/** Signed out: the two ways in. */
export type JoinWay = 'choose' | 'register' | 'signin';

/**
 * `/join?code=…`: whose shop the invite is for, and the way into it — a new account
 * made straight into that shop (no shop of its own), or an existing one signing in and
 * joining, or (signed in already) one button.
 */
export class JoinFlow {
  lookup = $state<InviteLookup>({ kind: 'loading' });
  way = $state<JoinWay>('choose');
  error = $state<string | null>(null);
  busy = $state(false);
  readonly newAccount = new AuthForm('register');
  readonly signIn = new AuthForm('login');

  constructor(readonly code: string) {}

  async load(): Promise<void> {
    if (!this.code) {
      this.lookup = { kind: 'missing' };
      return;
    }
    this.lookup = { kind: 'loading' };
    try {
      this.lookup = { kind: 'ready', invite: await authApi.invite(this.code) };
    } catch (err) {
      this.lookup = { kind: err instanceof NetworkError ? 'offline' : 'invalid' };
    }
  }

  /** Signed in: take the invite. Resolves to whether the person is now in the shop. */
  async join(): Promise<boolean> {
    this.busy = true;
    this.error = null;
    try {
      await this.#accept();
      return true;
    } catch (err) {
      this.error = messageOf(err);
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** A new account, made a member of the invite's shop by the server. */
  async register(): Promise<boolean> {
    const ok = await this.newAccount.register(this.code);
    if (ok) this.#releaseChecks();
    return ok;
  }

  /** An existing account: sign in, then take the invite. */
  async signInAndJoin(): Promise<boolean> {
    if (!(await this.signIn.login())) return false;
    this.#releaseChecks();
    return this.join();
  }

  #releaseChecks(): void {
    this.newAccount.check.destroy();
    this.signIn.check.destroy();
  }

  async #accept(): Promise<void> {
    const { shopId } = await team.accept(this.code);
    // The session's shop list now holds the new shop; open it.
    await session.init();
    await session.selectShop(shopId);
  }
}

function messageOf(err: unknown): string {
  if (err instanceof NetworkError) {
    return 'Cannot reach the server. Joining a shop needs a connection.';
  }
  if (err instanceof ApiError && err.status === 404) {
    return 'This invite is no longer valid: it was used already or has expired. Ask for a new one.';
  }
  if (err instanceof ApiError) return err.message;
  return 'Something went wrong. Please try again.';
}
