// SPDX-License-Identifier: AGPL-3.0-or-later
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * How a simulated system misbehaves: `unavailable` answers 503 with a problem document and `Retry-After`,
 * `refused` stops listening (connections are refused), `slow` answers only after `slowMs`.
 */
export type Outage = 'none' | 'unavailable' | 'refused' | 'slow';

export type Handler = (req: IncomingMessage, body: string) => { status: number; body: unknown; headers?: Record<string, string> };

export interface LoopbackServer {
  /** `http://127.0.0.1:<port>`: the port stays the same across a `refused` outage. */
  readonly url: string;
  outage(mode: Outage, options?: { slowMs?: number }): Promise<void>;
  close(): Promise<void>;
}

const MAX_BODY = 256 * 1024;

export function problem(status: number, title: string, detail?: string, extra: Record<string, unknown> = {}) {
  return { status, body: { type: 'about:blank', title, status, ...(detail ? { detail } : {}), ...extra } };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  res.writeHead(status, { 'content-type': type, ...headers });
  res.end(body === undefined ? '' : JSON.stringify(body));
}

/**
 * A small HTTP/JSON server on loopback (never another interface), for the simulators: it reads the body,
 * applies the outage switch, and hands the rest to the simulator's handler.
 */
export async function startLoopback(handle: Handler, port = 0): Promise<LoopbackServer> {
  let mode: Outage = 'none';
  let slowMs = 3_000;
  let server: Server | null = null;
  const listen = (at: number) =>
    new Promise<Server>((resolve, reject) => {
      const s = createServer((req, res) => {
        let body = '';
        let size = 0;
        req.setEncoding('utf8');
        req.on('data', (chunk: string) => {
          size += Buffer.byteLength(chunk);
          if (size <= MAX_BODY) body += chunk;
        });
        req.on('end', () => {
          if (size > MAX_BODY) return send(res, 413, problem(413, 'Payload too large').body);
          if (mode === 'unavailable') {
            return send(res, 503, problem(503, 'Service unavailable', 'simulated outage').body, { 'retry-after': '1' });
          }
          const answer = () => {
            try {
              const out = handle(req, body);
              send(res, out.status, out.body, out.headers);
            } catch (error) {
              send(res, 500, problem(500, 'Internal error', (error as Error).message).body);
            }
          };
          if (mode === 'slow') setTimeout(answer, slowMs).unref();
          else answer();
        });
      });
      s.once('error', reject);
      s.listen(at, '127.0.0.1', () => resolve(s));
    });
  server = await listen(port);
  const actual = (server.address() as AddressInfo).port;
  const stop = async (): Promise<void> => {
    const s = server;
    server = null;
    if (!s) return;
    await new Promise<void>((resolve) => {
      s.close(() => resolve());
      s.closeAllConnections();
    });
  };
  return {
    url: `http://127.0.0.1:${actual}`,
    async outage(next, options = {}) {
      slowMs = options.slowMs ?? slowMs;
      if (next === 'refused') await stop();
      else if (!server) server = await listen(actual);
      mode = next === 'refused' ? 'none' : next;
    },
    close: stop,
  };
}
