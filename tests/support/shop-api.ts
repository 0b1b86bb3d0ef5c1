import { expect, type BrowserContext } from '@playwright/test';

/**
 * A signed-in device's shop as the server holds it, read over HTTP with the device's
 * cookies (taken once, so it can still be asked while the device is offline or signed out).
 */
export class ShopOnServer {
  private constructor(
    private readonly baseUrl: string,
    readonly shopId: string,
    private readonly cookie: string,
  ) {}

  /** The first shop of the user signed in on `context`, from /api/auth/session. */
  static async of(context: BrowserContext, baseUrl: string): Promise<ShopOnServer> {
    const cookies = await context.cookies(baseUrl);
    expect(cookies.length).toBeGreaterThan(0);
    const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const res = await fetch(`${baseUrl}/api/auth/session`, { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { shops: { id: string; role: string }[] };
    const id = body.shops[0]?.id;
    if (!id) throw new Error('the session has no shop');
    return new ShopOnServer(baseUrl, id, cookie);
  }

  /**
   * The ids of the documents the server holds for the shop, or of one kind (`'order'` for
   * `order:…`); throws if the server cannot answer.
   */
  async docIds(kind?: string): Promise<string[]> {
    const res = await fetch(`${this.baseUrl}/db/${encodeURIComponent(this.shopId)}/_all_docs`, {
      headers: { Cookie: this.cookie },
    });
    if (!res.ok) throw new Error(`_all_docs answered ${res.status}`);
    const body = (await res.json()) as { rows: { id: string }[] };
    const ids = body.rows.map((r) => r.id);
    return kind === undefined ? ids : ids.filter((id) => id.startsWith(`${kind}:`));
  }
}
