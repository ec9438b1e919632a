// SPDX-License-Identifier: AGPL-3.0-or-later
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpClient, HttpConnectionError, HttpStatusError, HttpTimeoutError, type HttpClient } from '../src/sdk';

/** A loopback server whose answer to each request the test decides; it records what it received. */
function server(
  answer: (req: IncomingMessage, res: ServerResponse, body: string) => void,
): Promise<{ url: string; received: { method: string; key: string | undefined; body: string }[]; close(): Promise<void> }> {
  const received: { method: string; key: string | undefined; body: string }[] = [];
  const http: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ method: req.method ?? '', key: req.headers['idempotency-key'] as string | undefined, body });
      answer(req, res, body);
    });
  });
  return new Promise((resolve) =>
    http.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/base`,
        received,
        close: () =>
          new Promise<void>((done) => {
            http.close(() => done());
            http.closeAllConnections();
          }),
      }),
    ),
  );
}

const json = (res: ServerResponse, status: number, body: unknown, type = 'application/json'): void => {
  res.writeHead(status, { 'content-type': type });
  res.end(JSON.stringify(body));
};

describe('the HTTP client for adapters', () => {
  const clients: HttpClient[] = [];
  const client = (url: string, extra: Partial<Parameters<typeof createHttpClient>[0]> = {}) => {
    const c = createHttpClient({ baseUrl: url, minBackoffMs: 5, maxBackoffMs: 20, ...extra });
    clients.push(c);
    return c;
  };
  afterAll(async () => {
    for (const c of clients) await c.close();
  });

  it('sends JSON under the base path and parses the JSON answer', async () => {
    const s = await server((req, res, body) => json(res, 201, { path: req.url, echo: JSON.parse(body) as unknown }));
    const res = await client(s.url, { headers: { authorization: 'Bearer x' } }).request<{ path: string; echo: unknown }>({
      method: 'POST',
      path: '/things',
      query: { a: 'b c' },
      json: { n: 1 },
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ path: '/base/things?a=b+c', echo: { n: 1 } });
    expect(res.attempts).toBe(1);
    await s.close();
  });

  it('retries a call that carries an idempotency key, with the same key, until the other side recovers', async () => {
    let calls = 0;
    const s = await server((_req, res) =>
      ++calls < 3 ? json(res, 503, { title: 'down' }, 'application/problem+json') : json(res, 200, { ok: true }),
    );
    const res = await client(s.url).request({ method: 'POST', path: '/m', json: { x: 1 }, idempotencyKey: 'k-1' });
    expect(res.status).toBe(200);
    expect(res.attempts).toBe(3);
    expect(s.received.map((r) => r.key)).toEqual(['k-1', 'k-1', 'k-1']);
    expect(s.received.every((r) => r.body === '{"x":1}')).toBe(true);
    await s.close();
  });

  it('never repeats a POST without an idempotency key, and gives the problem document of the refusal', async () => {
    const s = await server((_req, res) => json(res, 503, { title: 'Unavailable', detail: 'maintenance' }, 'application/problem+json'));
    const error = await client(s.url)
      .request({ method: 'POST', path: '/m', json: {} })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpStatusError);
    const status = error as HttpStatusError;
    expect(status.status).toBe(503);
    expect(status.retryable).toBe(true);
    expect(status.problem).toEqual({ title: 'Unavailable', detail: 'maintenance' });
    expect(status.message).toContain('Unavailable — maintenance');
    expect(s.received).toHaveLength(1);
    await s.close();
  });

  it('gives up after the configured retries, and does not retry a 4xx', async () => {
    const down = await server((_req, res) => json(res, 502, {}));
    const error = (await client(down.url, { retries: 1 })
      .request({ method: 'GET', path: '/x' })
      .catch((e: unknown) => e)) as HttpStatusError;
    expect(error.status).toBe(502);
    expect(error.attempts).toBe(2);
    expect(down.received).toHaveLength(2);
    await down.close();

    const refusing = await server((_req, res) =>
      json(res, 422, { title: 'Invalid', errors: [{ field: 'cf' }] }, 'application/problem+json'),
    );
    const refused = (await client(refusing.url)
      .request({ method: 'PUT', path: '/x', json: {} })
      .catch((e: unknown) => e)) as HttpStatusError;
    expect(refused.status).toBe(422);
    expect(refused.retryable).toBe(false);
    expect(refused.problem?.errors).toEqual([{ field: 'cf' }]);
    expect(refusing.received).toHaveLength(1);
    await refusing.close();
  });

  // undici keeps its read timers coarse (about half a second), cheap under load: a deadline of seconds is kept to that.
  it('honours the per-call timeout', async () => {
    const s = await server((_req, res) => {
      setTimeout(() => json(res, 200, {}), 4_000).unref();
    });
    const started = Date.now();
    const error = await client(s.url, { timeoutMs: 5_000 })
      .request({ method: 'GET', path: '/slow', timeoutMs: 100, retries: 0 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpTimeoutError);
    expect((error as HttpTimeoutError).retryable).toBe(true);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(s.received).toHaveLength(1);
    await s.close();
  });

  it('says when the connection is refused, after retrying an idempotent call', async () => {
    const s = await server((_req, res) => json(res, 200, {}));
    const url = s.url;
    await s.close();
    const error = await client(url, { retries: 2 })
      .request({ method: 'GET', path: '/gone' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpConnectionError);
    expect((error as HttpConnectionError).code).toBe('ECONNREFUSED');
    expect((error as HttpConnectionError).attempts).toBe(3);
  });
});
