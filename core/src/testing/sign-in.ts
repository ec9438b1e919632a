// SPDX-License-Identifier: AGPL-3.0-or-later
import type supertest from 'supertest';
import { DEMO_PASSWORD } from '../modules/operators/demo';

type Agent = ReturnType<typeof supertest.agent>;

/** The CSRF token a page's forms carry (the agent keeps the cookie it belongs to). */
export async function formToken(agent: Agent, path = '/login'): Promise<string> {
  const page = await agent.get(path);
  const match = /name="_csrf" value="([^"]+)"/.exec(page.text);
  if (!match) throw new Error(`no form token on ${path} (${page.status})`);
  return match[1]!;
}

/** A browser signed in through the login form; throws when sign-in does not succeed. Demo accounts by default. */
export async function signIn(app: { newAgent(): Agent }, username: string, password = DEMO_PASSWORD): Promise<Agent> {
  const agent = app.newAgent();
  // Fetch the token first: a request picks up the agent's cookies when it is created.
  const token = await formToken(agent);
  const res = await agent.post('/login').type('form').send({ _csrf: token, username, password, next: '/' });
  if (res.status !== 302) throw new Error(`sign-in of ${username} answered ${res.status}`);
  return agent;
}

/**
 * Makes a signed-in browser act in the membership whose organization's name contains `organization`, choosing
 * it on the chooser page as an operator with several memberships does; throws when there is no such membership.
 */
export async function actIn<A extends Agent>(agent: A, organization: string): Promise<A> {
  const chooser = await agent.get('/session/organization');
  const radios = [...chooser.text.matchAll(/value="([0-9a-f-]{36})"[^>]*>\s*<label[^>]*><strong>([^<]+)<\/strong>/g)];
  const membershipId = radios.find((m) => m[2]!.includes(organization))?.[1];
  if (!membershipId) throw new Error(`no membership in ${organization} (${chooser.status})`);
  const token = await formToken(agent, '/session/organization');
  const res = await agent.post('/session/organization').type('form').send({ _csrf: token, membershipId, next: '/' });
  if (res.status !== 302) throw new Error(`choosing ${organization} answered ${res.status}`);
  return agent;
}

/**
 * An API client on a signed-in browser's session: the cookie plus the CSRF header a page's script
 * sends, JSON both ways; `form` posts a page's form as the browser does.
 */
export async function apiClient(agent: Agent) {
  const token = await formToken(agent, '/account');
  const send = (method: 'post' | 'put', path: string, body: object) =>
    agent[method](path).set('X-CSRF-Token', token).set('Accept', 'application/json').send(body);
  return {
    agent,
    token,
    get: (path: string) => agent.get(path).set('Accept', 'application/json'),
    post: (path: string, body: object = {}) => send('post', path, body),
    put: (path: string, body: object) => send('put', path, body),
    form: (path: string, body: Record<string, unknown>) =>
      agent
        .post(path)
        .type('form')
        .send({ _csrf: token, ...body }),
  };
}
