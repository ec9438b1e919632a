// SPDX-License-Identifier: AGPL-3.0-or-later
import { createHash } from 'node:crypto';
import { problem, startLoopback, type Handler, type LoopbackServer, type Outage } from './loopback';

/** What the simulated regional system recorded: one entry per idempotency key, as the real one is contracted to. */
export interface RecordedMessage {
  readonly reference: string;
  readonly type: 'pua-scheda' | 'uvmd-outcome';
  readonly idempotencyKey: string;
  readonly payload: Record<string, unknown>;
  readonly receivedAt: string;
}

export interface RegionalSystemSimulator {
  readonly url: string;
  /** Every message taken, in order: a repeated key never adds one. */
  readonly recorded: readonly RecordedMessage[];
  /** Every request that reached it (after the outage switch), repeats included. */
  readonly requests: number;
  outage(mode: Outage, options?: { slowMs?: number }): Promise<void>;
  close(): Promise<void>;
}

const TYPES: Readonly<Record<string, RecordedMessage['type']>> = {
  '/v1/pua-schede': 'pua-scheda',
  '/v1/uvmd-outcomes': 'uvmd-outcome',
};

/** The fields each message must carry (contracts/regional-system.openapi.yaml): what the real system checks first. */
const REQUIRED: Readonly<Record<RecordedMessage['type'], readonly string[]>> = {
  'pua-scheda': ['schemaVersion', 'sender', 'person', 'scheda'],
  'uvmd-outcome': ['schemaVersion', 'sender', 'person', 'assessment'],
};

const digest = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * The regional socio-health system, simulated on loopback: it takes PUA schede and UVMD outcomes, records
 * each idempotency key once (a repeat gets the first answer again; the same key with another body is a 409),
 * and has an outage switch. `apiKey`, when set, is the credential it demands.
 */
export async function startRegionalSystemSimulator(options: { port?: number; apiKey?: string } = {}): Promise<RegionalSystemSimulator> {
  const recorded: RecordedMessage[] = [];
  const byKey = new Map<string, { message: RecordedMessage; digest: string }>();
  let requests = 0;
  const server: LoopbackServer = await startLoopback((req, body): ReturnType<Handler> => {
    requests += 1;
    const path = (req.url ?? '').split('?')[0] ?? '';
    const type = TYPES[path];
    if (!type) return problem(404, 'Not found');
    if (req.method !== 'POST') return { ...problem(405, 'Method not allowed'), headers: { allow: 'POST' } };
    if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`) return problem(401, 'Unauthorized');
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || !key || key.length > 200)
      return problem(400, 'Idempotency-Key required', 'one per message, 1 to 200 characters');
    const seen = byKey.get(key);
    if (seen) {
      if (seen.digest !== digest(body)) {
        return problem(409, 'Idempotency key reused', 'this key was used for another message', { reference: seen.message.reference });
      }
      return { status: 200, body: { reference: seen.message.reference, receivedAt: seen.message.receivedAt } };
    }
    let payload: unknown;
    try {
      payload = JSON.parse(body);
    } catch {
      return problem(400, 'Malformed JSON');
    }
    const missing = REQUIRED[type].filter((f) => !payload || typeof payload !== 'object' || !(f in payload));
    if (missing.length)
      return problem(422, 'Invalid message', `missing: ${missing.join(', ')}`, { errors: missing.map((field) => ({ field })) });
    const message: RecordedMessage = {
      reference: `SISS-${type === 'pua-scheda' ? 'PUA' : 'UVMD'}-${String(recorded.length + 1).padStart(6, '0')}`,
      type,
      idempotencyKey: key,
      payload: payload as Record<string, unknown>,
      receivedAt: new Date().toISOString(),
    };
    recorded.push(message);
    byKey.set(key, { message, digest: digest(body) });
    return {
      status: 201,
      body: { reference: message.reference, receivedAt: message.receivedAt },
      headers: { location: `${path}/${message.reference}` },
    };
  }, options.port);
  return {
    url: server.url,
    recorded,
    get requests() {
      return requests;
    },
    outage: (mode, o) => server.outage(mode, o),
    close: () => server.close(),
  };
}
