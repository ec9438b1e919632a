// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import { apiClient, createTestApp, signIn, type TestApp } from '../src/testing';
import { backoffSeconds, OUTBOX_POLICY } from '../src/modules/outbox/policy';
import { enterScope } from '../src/db/scope';
import { tempWorkspace, writePlugin } from './fixtures';

/**
 * The outbox: a message recorded in a route's transaction (through the SDK's `recordOutbound`) is delivered
 * through the organization's adapter right after the commit; when the other side is down it waits with
 * backoff, then goes through exactly once; after its last attempt it is a dead letter an administrator retries.
 */

/** The fixture adapter's other side: what it took (once per key, as a real system contracted to), and how it behaves. */
interface Relay {
  mode: 'up' | 'down' | 'refuse';
  accepted: Map<string, unknown>;
  calls: { key: string; attempt: number }[];
}
const relay = (): Relay => (globalThis as unknown as { __outboxRelay: Relay }).__outboxRelay;

function relayWorkspace(): string {
  const root = tempWorkspace('outbox');
  writePlugin(root, {
    id: 'relay',
    permissions: [{ id: 'relay.send', defaultRoles: ['operator'] }],
    code: `
      register(p) {
        p.implement(sdk.HealthSystemPort, {
          id: 'relay.health',
          async send(message, ctx) {
            const other = globalThis.__outboxRelay;
            other.calls.push({ key: message.idempotencyKey, attempt: message.attempt });
            if (other.mode === 'down') throw new Error('connect ECONNREFUSED 127.0.0.1:9');
            if (other.mode === 'refuse') throw new sdk.PermanentDeliveryError('422 the scheda lacks the PUA code');
            if (!other.accepted.has(message.idempotencyKey)) other.accepted.set(message.idempotencyKey, message.payload);
            return { reference: 'REG-' + ctx.organization.code + '-' + other.accepted.size };
          },
        });
        p.routes((r) => {
          r.post('send', '/api/send', { permission: 'relay.send' }, async (ctx) => {
            const { key, fail } = ctx.body;
            const recorded = await sdk.recordOutbound(ctx, sdk.HealthSystemPort, {
              type: 'pua-scheda',
              idempotencyKey: key,
              payload: { scheda: key, bisogni: ['riservato-xq7'] },
              subject: { entity: 'access-contact', id: key },
            });
            if (fail) throw new Error('the change failed after recording');
            return { json: recorded };
          });
        });
      }`,
  });
  return root;
}

async function asOwner<R>(app: TestApp, work: (em: EntityManager) => Promise<R>): Promise<R> {
  const em = app.platform.orm.em.fork();
  await em.execute('reset role');
  try {
    return await work(em);
  } finally {
    await em.execute(`set role ${app.platform.config.appRole}`);
  }
}

interface Row {
  id: string;
  status: string;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  reference: string | null;
  wait: number | null;
  org: string;
}
async function message(app: TestApp, key: string): Promise<Row | undefined> {
  const [row] = await asOwner(app, (em) =>
    em.execute<Row[]>(
      `select m.id::text as id, m.status, m.attempts, m.max_attempts, m.last_error, m.reference, o.code as org,
         extract(epoch from (m.next_attempt_at - m.last_attempt_at))::int as wait
       from core.outbox_message m join core.organization o on o.id = m.owner_org_id where m.idempotency_key = ?`,
      [key],
    ),
  );
  return row;
}
/** An organization's id, read in the caller's transaction (organizations are not personal data). */
const asOwnerIn = (em: EntityManager, code: string) =>
  em.execute<{ id: string }[]>('select id::text as id from core.organization where code = ?', [code]);
/** Time passes: the message is due now. */
const makeDue = (app: TestApp, key: string) =>
  asOwner(app, (em) => em.execute(`update core.outbox_message set next_attempt_at = now() where idempotency_key = ?`, [key]));
const audits = (app: TestApp, id: string) =>
  asOwner(app, (em) =>
    em.execute<{ action: string; details: Record<string, unknown> }[]>(
      `select action, details from core.audit_log where entity = 'outbox-message' and entity_id = ? order by at, id`,
      [id],
    ),
  );

describe('the outbox', () => {
  let app: TestApp;
  let pua: Awaited<ReturnType<typeof apiClient>>;
  const deliver = () => app.platform.jobs.run('core.outbox.deliver');

  beforeAll(async () => {
    (globalThis as unknown as { __outboxRelay: Relay }).__outboxRelay = { mode: 'up', accepted: new Map(), calls: [] };
    app = await createTestApp({ rootDir: relayWorkspace(), plugins: ['relay'] });
    pua = await apiClient(await signIn(app, 'pua'));
  });
  afterAll(() => app?.close());
  beforeEach(() => {
    relay().mode = 'up';
    relay().calls = [];
  });

  it('delivers a message right after the transaction that recorded it commits, and audits both', async () => {
    const res = await pua.post('/p/relay/api/send', { key: 'scheda-1' }).expect(200);
    expect(res.body.created).toBe(true);
    const row = await message(app, 'scheda-1');
    expect(row).toMatchObject({ status: 'delivered', attempts: 1, reference: 'REG-demo-pua-1', org: 'demo-pua', last_error: null });
    expect(relay().accepted.get('scheda-1')).toEqual({ scheda: 'scheda-1', bisogni: ['riservato-xq7'] });
    expect((await audits(app, row!.id)).map((a) => [a.action, a.details.status ?? null])).toEqual([
      ['outbox.record', null],
      ['outbox.deliver', 'delivered'],
    ]);
    // Recording the same message again records nothing, and nothing more is sent.
    const again = await pua.post('/p/relay/api/send', { key: 'scheda-1' }).expect(200);
    expect(again.body).toEqual({ id: row!.id, created: false });
    expect(relay().calls).toHaveLength(1);
  });

  it('records nothing when the change that caused the message rolls back', async () => {
    await pua.post('/p/relay/api/send', { key: 'scheda-rolled-back', fail: true }).expect(500);
    expect(await message(app, 'scheda-rolled-back')).toBeUndefined();
    expect(relay().calls).toHaveLength(0);
  });

  it('waits with growing backoff while the other side is down, then delivers exactly once', async () => {
    relay().mode = 'down';
    await pua.post('/p/relay/api/send', { key: 'scheda-outage' }).expect(200);
    let row = await message(app, 'scheda-outage');
    expect(row).toMatchObject({ status: 'pending', attempts: 1, wait: backoffSeconds(1) });
    expect(row!.last_error).toContain('ECONNREFUSED');
    // Not due yet: the schedule's run leaves it alone.
    await deliver();
    expect((await message(app, 'scheda-outage'))!.attempts).toBe(1);
    await makeDue(app, 'scheda-outage');
    await deliver();
    row = await message(app, 'scheda-outage');
    expect(row).toMatchObject({ status: 'pending', attempts: 2, wait: backoffSeconds(2) });
    expect(backoffSeconds(2)).toBe(2 * backoffSeconds(1));

    relay().mode = 'up';
    await makeDue(app, 'scheda-outage');
    await deliver();
    await deliver();
    row = await message(app, 'scheda-outage');
    expect(row).toMatchObject({ status: 'delivered', attempts: 3, last_error: null });
    expect(relay().calls.map((c) => c.attempt)).toEqual([1, 2, 3]);
    expect(relay().calls.every((c) => c.key === 'scheda-outage')).toBe(true);
    expect([...relay().accepted.keys()].filter((k) => k === 'scheda-outage')).toHaveLength(1);
    const trail = await audits(app, row!.id);
    expect(trail.map((a) => a.details.status ?? null)).toEqual([null, 'pending', 'pending', 'delivered']);
  });

  it('puts a message aside after its last attempt, and an administrator sends it again', async () => {
    relay().mode = 'down';
    await pua.post('/p/relay/api/send', { key: 'scheda-dead' }).expect(200);
    for (let i = 1; i < OUTBOX_POLICY.maxAttempts; i += 1) {
      await makeDue(app, 'scheda-dead');
      await deliver();
    }
    const dead = await message(app, 'scheda-dead');
    expect(dead).toMatchObject({ status: 'failed', attempts: OUTBOX_POLICY.maxAttempts });
    // A dead letter is not tried again by the schedule.
    await makeDue(app, 'scheda-dead');
    await deliver();
    expect((await message(app, 'scheda-dead'))!.attempts).toBe(OUTBOX_POLICY.maxAttempts);

    const ente = await apiClient(await signIn(app, 'ente'));
    const page = await ente.agent.get('/admin/outbox?status=failed').expect(200);
    expect(page.text).toContain(`data-message="${dead!.id}"`);
    expect(page.text).toContain('ECONNREFUSED');
    expect(page.text).not.toContain('riservato-xq7');

    relay().mode = 'up';
    const retried = await ente.form(`/admin/outbox/${dead!.id}/retry`, { status: 'failed' }).expect(302);
    expect(retried.headers.location).toContain('retried=1');
    const row = await message(app, 'scheda-dead');
    expect(row).toMatchObject({
      status: 'delivered',
      attempts: OUTBOX_POLICY.maxAttempts + 1,
      max_attempts: 2 * OUTBOX_POLICY.maxAttempts,
    });
    expect((await audits(app, row!.id)).map((a) => a.action)).toContain('outbox.retry');
    // Delivered: nothing left to retry.
    await ente.post(`/api/v1/admin/outbox/${dead!.id}/retry`).expect(409);
  });

  it('stops at once when the other side refuses the message itself', async () => {
    relay().mode = 'refuse';
    await pua.post('/p/relay/api/send', { key: 'scheda-refused' }).expect(200);
    const row = await message(app, 'scheda-refused');
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row!.last_error).toContain('lacks the PUA code');
  });

  it('shows administrators the messages of their organizations only, never their payload, and to nobody else', async () => {
    const ente = await apiClient(await signIn(app, 'ente'));
    const list = await ente.get('/api/v1/admin/outbox').expect(200);
    const keys = (list.body.items as { idempotencyKey: string }[]).map((m) => m.idempotencyKey);
    expect(keys).toEqual(expect.arrayContaining(['scheda-1', 'scheda-outage', 'scheda-dead', 'scheda-refused']));
    expect(JSON.stringify(list.body)).not.toContain('riservato-xq7');
    expect(list.body.counts).toEqual(expect.arrayContaining([expect.objectContaining({ status: 'delivered', count: 3 })]));
    const failed = await ente.get('/api/v1/admin/outbox?status=failed').expect(200);
    expect((failed.body.items as { idempotencyKey: string }[]).map((m) => m.idempotencyKey)).toEqual(['scheda-refused']);

    // Row-level security: in another comune's scope none of Orvieto's messages exist; an operator may not look at all.
    const seenFrom = (code: string) =>
      app.platform.orm.em.fork().transactional(async (tx) => {
        const [org] = await asOwnerIn(tx, code);
        await enterScope(tx, { orgId: org!.id, orgs: [org!.id] });
        const [row] = await tx.execute<{ n: number }[]>('select count(*)::int as n from core.outbox_message');
        return row!.n;
      });
    expect(await seenFrom('demo-pua')).toBeGreaterThanOrEqual(4);
    expect(await seenFrom('demo-comune-2')).toBe(0);
    await pua.get('/api/v1/admin/outbox').expect(403);
    await pua.agent.get('/admin/outbox').expect(403);
    await pua.post(`/api/v1/admin/outbox/${(await message(app, 'scheda-refused'))!.id}/retry`).expect(403);
  });
});
