// SPDX-License-Identifier: AGPL-3.0-or-later
/** What the access-register and cartella tests share: signed-in clients, acting in a chosen membership. */
import { actIn, signIn, type TestApp, apiClient } from '../src/testing';
import { computeCodiceFiscale } from '../src/modules/people/identity-codes';

export type Agent = Awaited<ReturnType<typeof signIn>>;

/**
 * A browser signed in as a demo operator; with `organization`, acting in the membership whose
 * organization's name contains it (for `assistente`, who works at the comune and at its PUA).
 */
export async function browser(app: TestApp, username: string, organization?: string): Promise<Agent> {
  const agent = await signIn(app, username);
  return organization ? actIn(agent, organization) : agent;
}

/** A signed-in API client (session cookie plus the CSRF header a browser script sends), and its browser for pages. */
export async function client(app: TestApp, username: string, organization?: string) {
  return apiClient(await browser(app, username, organization));
}
export type Client = Awaited<ReturnType<typeof client>>;

/** A person's registration input, with a valid codice fiscale. */
export function person(surname: string, name: string, sex: 'M' | 'F', birthDate: string, birthPlaceCode = 'G148') {
  return {
    surname,
    name,
    sex,
    birthDate,
    birthPlaceCode,
    codiceFiscale: computeCodiceFiscale({ surname, name, sex, birthDate, birthPlaceCode }),
  };
}

/** The ids of the demo organizations and operators, by code and username. */
export async function ids(app: TestApp): Promise<{ org: (code: string) => string; operator: (username: string) => string }> {
  const em = app.platform.orm.em.fork();
  const orgs = await em.execute<{ id: string; code: string }[]>('select id::text as id, code from core.organization');
  const operators = await em.execute<{ id: string; username: string }[]>('select id::text as id, username from core.operator');
  return {
    org: (code) => orgs.find((o) => o.code === code)!.id,
    operator: (username) => operators.find((o) => o.username === username)!.id,
  };
}

/** The field → message map of a 422 problem document. */
export const fieldsOf = (body: { errors?: { field: string; message: string }[] }): Record<string, string> =>
  Object.fromEntries((body.errors ?? []).map((e) => [e.field, e.message]));
