// SPDX-License-Identifier: AGPL-3.0-or-later
/** What the catalogue and eligibility tests share: signed-in clients, the demo records they work on, the owner's view. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { actIn, formToken, signIn, type TestApp } from '../src/testing';

type Agent = Awaited<ReturnType<typeof signIn>>;

/**
 * A demo operator's browser and API client: the session cookie, plus the CSRF header a script sends. With
 * `organization`, acting in the membership whose organization's name contains it (`assistente` has two).
 */
export async function client(app: TestApp, username: string, organization?: string) {
  const agent = await signIn(app, username);
  if (organization) await actIn(agent, organization);
  const token = await formToken(agent, '/account');
  const send = (method: 'post' | 'put', path: string, body: object) =>
    agent[method](path).set('X-CSRF-Token', token).set('Accept', 'application/json').send(body);
  return {
    agent,
    get: (path: string) => agent.get(path).set('Accept', 'application/json'),
    post: (path: string, body: object = {}) => send('post', path, body),
    put: (path: string, body: object) => send('put', path, body),
    /** A page's form, as a browser posts it. */
    form: (path: string, body: Record<string, unknown>) =>
      agent
        .post(path)
        .type('form')
        .send({ _csrf: token, ...body }),
  };
}
export type Client = Awaited<ReturnType<typeof client>>;
export type { Agent };

/** Runs `work` as the database owner (row-level security aside), in a transaction rolled back unless `keep`. */
export async function asOwner<R>(app: TestApp, work: (em: EntityManager) => Promise<R>, keep = false): Promise<R> {
  const em = app.platform.orm.em.fork();
  await em.begin();
  try {
    await em.execute('reset role');
    const result = await work(em);
    if (keep) await em.commit();
    else await em.rollback();
    return result;
  } catch (error) {
    await em.rollback();
    throw error;
  }
}

/** The field → message map of a 422 problem document. */
export const fieldsOf = (body: { errors?: { field: string; message: string }[] }): Record<string, string> =>
  Object.fromEntries((body.errors ?? []).map((e) => [e.field, e.message]));

/** Text with Intl's non-breaking spaces ("12.300\u00a0€") as plain ones, to compare with what a test writes. */
export const plain = (text: string | undefined): string => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');

/** Today, ISO: the demo's attestations are issued relative to it. */
export const today = (): string => new Date().toISOString().slice(0, 10);

/** The audit entries about a person, as the owner reads them. */
export async function auditActions(app: TestApp, personId: string): Promise<string[]> {
  return asOwner(app, async (em) =>
    (
      await em.execute<{ action: string }[]>(`select action from core.audit_log where entity = 'person' and entity_id = ? order by id`, [
        personId,
      ])
    ).map((r) => r.action),
  );
}
