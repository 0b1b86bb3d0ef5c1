import { expect } from '@playwright/test';

/**
 * A customer of a shop page, over plain HTTP (/api/public/…), as the page's own
 * scripts would call it; the e2e server runs with CAPTCHA=off.
 */
export class PublicShop {
  constructor(
    private readonly baseUrl: string,
    readonly slug: string,
  ) {}

  async #json<T>(path: string, init: RequestInit = {}, status = 200): Promise<T> {
    const res = await fetch(`${this.baseUrl}/api/public${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', ...init.headers },
    });
    const body = (await res.json()) as T;
    expect(res.status, `${init.method ?? 'GET'} ${path}: ${JSON.stringify(body)}`).toBe(status);
    return body;
  }

  shop() {
    return this.#json<{ pickup: { place: string; slots: { id: string }[] } | null }>(
      `/shops/${this.slug}`,
    );
  }

  products() {
    return this.#json<{ items: { id: string; name: string }[] }>(`/shops/${this.slug}/products`);
  }

  /** The product's id once the shop page offers it (the owner's edit has reached the server). */
  async productId(name: string): Promise<string> {
    let id = '';
    await expect
      .poll(
        async () => {
          const res = await fetch(`${this.baseUrl}/api/public/shops/${this.slug}/products`);
          if (!res.ok) return '';
          const { items } = (await res.json()) as { items: { id: string; name: string }[] };
          id = items.find((p) => p.name === name)?.id ?? '';
          return id;
        },
        { timeout: 30_000 },
      )
      .not.toBe('');
    return id;
  }

  order(input: object, key: string) {
    return this.#json<{ number: string; trackingToken: string }>(
      `/shops/${this.slug}/orders`,
      { method: 'POST', body: JSON.stringify(input), headers: { 'Idempotency-Key': key } },
      201,
    );
  }

  tracked(token: string) {
    return this.#json<{
      status: string;
      canRequest: string[];
      request: { request: string; answer: string } | null;
    }>(`/orders/${token}`);
  }

  request(token: string, request: 'cancel' | 'return', reason: string) {
    return this.#json<{ request: { answer: string } | null }>(
      `/orders/${token}/requests`,
      { method: 'POST', body: JSON.stringify({ request, reason }) },
      201,
    );
  }
}
