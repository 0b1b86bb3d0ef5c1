import type { TokenScope } from '@stallkeeper/shared';
import { ApiError, NetworkError } from '../api.ts';
import { tokensApi, type TokenRow } from './tokens-api.ts';

type Api = typeof tokensApi;

/**
 * The API tokens section: the person's tokens for this shop, making one (its value
 * is shown once, right after), and revoking one. Tokens live on the server only,
 * so with no connection the section says so and waits.
 */
export class TokensState {
  items = $state.raw<TokenRow[] | null>(null);
  offline = $state(false);
  error = $state<string | null>(null);
  busy = $state(false);
  /** the token just made: shown once, then only its name */
  made = $state.raw<(TokenRow & { token: string }) | null>(null);

  constructor(
    private readonly shopId: () => string | null,
    private readonly api: Api = tokensApi,
  ) {}

  async load(): Promise<void> {
    const shopId = this.shopId();
    if (!shopId) return;
    try {
      const all = await this.api.list();
      this.items = all.filter((t) => t.shopId === shopId);
      this.offline = false;
    } catch (err) {
      this.#failed(err);
    }
  }

  async create(name: string, scope: TokenScope): Promise<boolean> {
    const shopId = this.shopId();
    if (!shopId) return false;
    if (!name.trim()) {
      this.error = 'Give the token a name: what program will use it?';
      return false;
    }
    return this.#run(async () => {
      this.made = await this.api.create({ name: name.trim(), shopId, scope });
    });
  }

  async revoke(id: string): Promise<boolean> {
    return this.#run(async () => {
      await this.api.revoke(id);
      if (this.made?.id === id) this.made = null;
    });
  }

  async #run(change: () => Promise<void>): Promise<boolean> {
    this.busy = true;
    this.error = null;
    try {
      await change();
      await this.load();
      return true;
    } catch (err) {
      this.#failed(err);
      return false;
    } finally {
      this.busy = false;
    }
  }

  #failed(err: unknown): void {
    if (err instanceof NetworkError) {
      this.offline = true;
      this.error = null;
    } else {
      this.error = err instanceof ApiError ? err.message : 'That did not work. Try again.';
    }
  }
}
