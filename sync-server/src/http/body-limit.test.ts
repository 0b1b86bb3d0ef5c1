import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../errors.ts';
import { bodyLimit } from './body-limit.ts';

function app() {
  const a = new Hono();
  a.onError((err, c) =>
    err instanceof HttpError ? c.json({ error: err.error }, err.status) : c.text('boom', 500),
  );
  a.use('*', bodyLimit(10));
  a.post('/', async (c) => c.text(`got ${(await c.req.text()).length}`));
  return a;
}

describe('bodyLimit', () => {
  it('refuses a declared length over the limit before reading the body', async () => {
    const res = await app().request('/', {
      method: 'POST',
      body: 'x'.repeat(11),
      headers: { 'content-length': '11' },
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: 'payload_too_large' });
  });

  it('passes a declared length within the limit', async () => {
    const res = await app().request('/', {
      method: 'POST',
      body: 'x'.repeat(10),
      headers: { 'content-length': '10' },
    });
    expect(await res.text()).toBe('got 10');
  });

  it('counts a body of unknown length as it arrives', async () => {
    const stream = (n: number) =>
      new ReadableStream({
        start(c) {
          for (let i = 0; i < n; i++) c.enqueue(new TextEncoder().encode('xx'));
          c.close();
        },
      });
    const over = await app().request('/', {
      method: 'POST',
      body: stream(6),
      duplex: 'half',
    } as RequestInit);
    expect(over.status).toBe(413);
    const within = await app().request('/', {
      method: 'POST',
      body: stream(5),
      duplex: 'half',
    } as RequestInit);
    expect(await within.text()).toBe('got 10');
  });
});
