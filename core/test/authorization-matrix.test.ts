// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The authorization matrix: every route the HTTP application mounts (core,
 * plugins, the sign-in and account routes, health), for every role, as an
 * operator of organization A (demo-comune) aimed at the records of
 * organization B (demo-comune-2), which B has not shared with A. No route may
 * show B's data, change it, or fail with a 5xx; a route that reaches B's
 * records refuses (401/403/404, or a 409/422 that neither leaks nor writes),
 * and a page sends a visitor to sign in.
 *
 * The routes are read from the routers of the Koa application itself, so a new
 * route is sent without anyone adding it here: with B's ids for its path
 * parameters and a default body full of B's ids. A path parameter the table
 * below does not know fails the guard test until it is added.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Router from '@koa/router';
import type { EntityManager } from '@mikro-orm/postgresql';
import supertest from 'supertest';
import { createHttpApp } from '../src/http/app';
import { SESSION_COOKIE } from '../src/http/principal';
import { enterScope } from '../src/db/scope';
import { createTestApp, formToken, type TestApp, asOwner } from '../src/testing';
import { ANONYMOUS, CORE_ROLES } from '../src/modules/operators/roles';
import { canonicalCodiceFiscale, computeCodiceFiscale } from '../src/modules/people/identity-codes';
import { Person } from '../src/modules/people/entities';

type Agent = ReturnType<typeof supertest.agent>;
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A route as a router mounts it. */
interface Endpoint {
  readonly method: Method;
  readonly pattern: string;
  readonly params: readonly string[];
  /** The route table's name for core and plugin routes; null for the sign-in, account and health routers. */
  readonly name: string | null;
  /** `METHOD /pattern`, how failures and the tables below name it. */
  readonly key: string;
}

/** Ids and values of the records the test creates. */
interface Fixture {
  readonly a: {
    org: string;
    subtree: readonly string[];
    person: string;
    personVersion: number;
    household: string;
    surname: string;
    name: string;
    /** A's own cartella (version 1) and anonymous contact, for requests that mix them with B's. */
    cartella: string;
    contact: string;
  };
  readonly b: {
    org: string;
    subtree: readonly string[];
    cf: string;
    surname: string;
    name: string;
    birthDate: string;
    /** The main person; `alias` was merged into it (the merge is `merge`); `twin` is a suspected duplicate of it. */
    person: string;
    personVersion: number;
    alias: string;
    twin: string;
    household: string;
    householdVersion: number;
    member: string;
    merge: string;
    share: string;
    /** A pending import batch of B, one staged row with B's person in it. */
    importBatch: string;
    /** A draft assessment of B's person (the social assessment), whose summary is a secret. */
    assessment: string;
    /** An open alert of B about B's person. */
    alert: string;
    /** B's desk (a segretariato of B), a contact there today about B's person, B's cartella of that person with a team member and an organization-wide diary note. */
    servicePoint: string;
    contact: string;
    cartella: string;
    teamMember: string;
    diaryNote: string;
    /** B's active intervention on B's cartella (approved with an act), with a delivery. */
    intervention: string;
    /** A document of B's cartella, readable by any of B's document readers. */
    document: string;
    /** A live share of B's cartella with a third organization, and a consent of B's person. */
    cartellaShare: string;
    consent: string;
    /** A critical event recorded by B about B's person. */
    criticalEvent: string;
    /** A message of B's for another system, failed, whose payload names B's person. */
    outboxMessage: string;
    /** A finished export of B's, started by B's operator, whose file names B's person. */
    exportRun: string;
    /** B's own operator (a service manager), with a membership and an API token there. */
    operator: string;
    username: string;
    membership: string;
    tokenId: string;
    token: string;
    /** Values only B's record holds, by what they are. */
    secrets: Record<string, string>;
  };
}

/** One request of the matrix. */
interface Case {
  readonly label: string;
  readonly params?: Record<string, string>;
  readonly query?: Record<string, string>;
  readonly body?: Record<string, unknown>;
  /**
   * `denied`: the request reaches B's records and must be refused (401, 403, 404, a page's redirect to sign in,
   * or a 409 that leaks and writes nothing). `no-leak`: a search, a list or one's own page: any status below
   * 500, as long as nothing of B's is in the answer.
   */
  readonly expect: 'denied' | 'no-leak';
  /** A 422 is how this route refuses (a membership that is not one's own), not a body its schema rejected. */
  readonly refusedBy422?: boolean;
}

interface Principal {
  readonly role: string;
  readonly operator: string | null;
  readonly membership: string | null;
  /** A browser: signed in to the membership in A, or a visitor's. */
  readonly agent: Agent;
  readonly csrf: string;
  /** A personal API token acting in the membership, for the API's routes; null for the visitor. */
  readonly token: string | null;
}

interface Violation {
  readonly role: string;
  readonly route: string;
  readonly label: string;
  readonly url: string;
  readonly status: number;
  readonly problem: string;
}

const ORG_A = 'demo-comune';
const ORG_B = 'demo-comune-2';
/** Where B's record is shared to: neither A nor anything above or below it. */
const ORG_THIRD = 'demo-comune-3';
const ROLES: readonly string[] = CORE_ROLES.map((r) => r.id);

/**
 * Which of B's records a path parameter names, by route. A parameter not listed here gets a random uuid and
 * fails the guard test: add it, so that the route is aimed at B's data rather than at nothing.
 */
const PARAMETERS: readonly { readonly path: RegExp; readonly param: string; readonly value: (f: Fixture) => string }[] = [
  { path: /^(\/api\/v1)?\/people\/:id(\/|$)/, param: 'id', value: (f) => f.b.person },
  { path: /^(\/api\/v1)?\/households\/:id(\/|$)/, param: 'id', value: (f) => f.b.household },
  { path: /^(\/api\/v1)?\/households\/:id\/members\/:memberId(\/|$)/, param: 'memberId', value: (f) => f.b.member },
  { path: /^(\/api\/v1)?\/people\/:id\/shares\/:shareId(\/|$)/, param: 'shareId', value: (f) => f.b.share },
  { path: /^(\/api\/v1)?\/people\/:id\/critical-events\/:eventId(\/|$)/, param: 'eventId', value: (f) => f.b.criticalEvent },
  { path: /^(\/api\/v1)?\/admin\/outbox\/:id(\/|$)/, param: 'id', value: (f) => f.b.outboxMessage },
  { path: /^(\/api\/v1)?\/exports\/:id(\/|$)/, param: 'id', value: (f) => f.b.exportRun },
  { path: /^(\/people\/merges|\/api\/v1\/people-merges)\/:id(\/|$)/, param: 'id', value: (f) => f.b.merge },
  { path: /^\/account\/tokens\/:id(\/|$)/, param: 'id', value: (f) => f.b.tokenId },
  { path: /^(\/people\/import|\/api\/v1\/people-imports)\/:id(\/|$)/, param: 'id', value: (f) => f.b.importBatch },
  { path: /^(\/api\/v1)?\/assessments\/:id(\/|$)/, param: 'id', value: (f) => f.b.assessment },
  { path: /^(\/api\/v1)?\/alerts\/:id(\/|$)/, param: 'id', value: (f) => f.b.alert },
  // Form definitions are the installation's (core's and its plugins'), not an organization's data.
  { path: /^\/api\/v1\/forms\/:id(\/|$)/, param: 'id', value: () => 'core.social-assessment' },
  // Sign-in providers are configuration, not an organization's data: an unknown one.
  { path: /^\/login\/:provider(\/|$)/, param: 'provider', value: () => 'matrix-no-such-provider' },
  { path: /^(\/api\/v1)?\/admin\/organizations\/:id(\/|$)/, param: 'id', value: (f) => f.b.org },
  // Plugins are the installation's; what is B's is the choice made for B.
  { path: /^(\/api\/v1)?\/admin\/organizations\/:id\/plugins\/:plugin(\/|$)/, param: 'plugin', value: () => 'hello' },
  // Organization structures are the installation's (its plugins'), applied by its administrators only.
  { path: /^(\/api\/v1)?\/admin\/structures\/:id(\/|$)/, param: 'id', value: () => 'hello.no-such-structure' },
  { path: /^(\/api\/v1)?\/admin\/operators\/:id(\/|$)/, param: 'id', value: (f) => f.b.operator },
  { path: /^(\/api\/v1)?\/admin\/operators\/:id\/memberships\/:membershipId(\/|$)/, param: 'membershipId', value: (f) => f.b.membership },
  { path: /^(\/access|\/api\/v1\/access-contacts)\/:id(\/|$)/, param: 'id', value: (f) => f.b.contact },
  { path: /^(\/api\/v1)?\/cartelle\/:id(\/|$)/, param: 'id', value: (f) => f.b.cartella },
  { path: /^(\/api\/v1)?\/interventions\/:id(\/|$)/, param: 'id', value: (f) => f.b.intervention },
  { path: /^(\/api\/v1)?\/cartelle\/:id\/team\/:memberId(\/|$)/, param: 'memberId', value: (f) => f.b.teamMember },
  { path: /^(\/api\/v1)?\/cartelle\/:id\/documents\/:documentId(\/|$)/, param: 'documentId', value: (f) => f.b.document },
  { path: /^(\/api\/v1)?\/cartelle\/:id\/shares\/:shareId(\/|$)/, param: 'shareId', value: (f) => f.b.cartellaShare },
  { path: /^(\/api\/v1)?\/cartelle\/:id\/consents\/:consentId(\/|$)/, param: 'consentId', value: (f) => f.b.consent },
  // Catalogue entries are the installation's (core's national table and its plugins'), not an organization's data.
  { path: /^(\/api\/v1)?\/catalogue\/:code(\/|$)/, param: 'code', value: () => 'core.A2.01' },
];

/** What a route not listed in CASES is sent: every reference to B's records a body of this application carries. */
function defaultBody(f: Fixture): Record<string, unknown> {
  return {
    id: f.b.person,
    personId: f.b.person,
    survivorId: f.b.person,
    mergedId: f.b.twin,
    householdId: f.b.household,
    memberId: f.b.member,
    mergeId: f.b.merge,
    shareId: f.b.share,
    membershipId: f.b.membership,
    organizationId: f.b.org,
    organizationCode: ORG_B,
    version: 1,
  };
}

const inDays = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Registrations naming B's person: by its codice fiscale (under other names), and by name and birth date. */
const createCases = (f: Fixture): Case[] => [
  {
    label: "B's codice fiscale",
    body: { identityKind: 'cf', codiceFiscale: f.b.cf, surname: 'Diversi', name: 'Ottavio' },
    expect: 'denied',
  },
  {
    label: "B's name and birth date",
    body: { identityKind: 'unknown', surname: f.b.surname, name: f.b.name, birthDate: f.b.birthDate },
    expect: 'denied',
  },
];
const showCases = (f: Fixture): Case[] => [
  { label: "B's person", expect: 'denied' },
  { label: "B's merged alias", params: { id: f.b.alias }, expect: 'denied' },
];
const updateCases = (f: Fixture): Case[] => [
  {
    label: "B's person",
    body: { identityKind: 'unknown', surname: 'Modificato', name: 'Daaltroente', version: f.b.personVersion },
    expect: 'denied',
  },
  {
    label: "A's person, given B's codice fiscale",
    params: { id: f.a.person },
    body: { identityKind: 'cf', codiceFiscale: f.b.cf, surname: f.a.surname, name: f.a.name, version: f.a.personVersion },
    expect: 'denied',
  },
];
const mergeCases = (f: Fixture): Case[] => [
  { label: 'two of B', body: { survivorId: f.b.person, mergedId: f.b.twin }, expect: 'denied' },
  { label: "A's survivor, B's merged", body: { survivorId: f.a.person, mergedId: f.b.person }, expect: 'denied' },
  { label: "B's survivor, A's merged", body: { survivorId: f.b.person, mergedId: f.a.person }, expect: 'denied' },
];
const addMemberCases = (f: Fixture): Case[] => [
  { label: "B's household", body: { version: f.b.householdVersion, personId: f.b.twin, relationCode: 'FG' }, expect: 'denied' },
  {
    label: "A's household, B's person",
    params: { id: f.a.household },
    body: { version: 1, personId: f.b.person, relationCode: 'FG' },
    expect: 'denied',
  },
];
const endMemberCases = (f: Fixture): Case[] => [
  { label: "B's household", body: { version: f.b.householdVersion }, expect: 'denied' },
  { label: "A's household, B's member", params: { id: f.a.household }, body: { version: 1 }, expect: 'denied' },
];
const searchCases = (f: Fixture): Case[] => [
  { label: "B's surname", query: { q: f.b.surname }, expect: 'no-leak' },
  { label: "B's codice fiscale", query: { q: f.b.cf }, expect: 'no-leak' },
  { label: "B's codice fiscale, its beginning", query: { q: f.b.cf.slice(0, 9) }, expect: 'no-leak' },
  { label: "B's birth date", query: { birthDate: f.b.birthDate }, expect: 'no-leak' },
];
const shareCases = (): Case[] => [
  {
    label: "B's person, to A",
    body: { organizationCode: ORG_A, purpose: 'presa in carico congiunta', expiresAt: inDays(30) },
    expect: 'denied',
  },
];

/** Administration: an organization under B's, an operator and a membership in B, a membership for B's operator. */
const adminOrganizationCases = (f: Fixture): Case[] => [
  {
    label: "under B's organization",
    body: { parentId: f.b.org, kind: 'service-point', subkind: 'pua', code: 'matrix-in-b', name: 'Matrix' },
    expect: 'denied',
    refusedBy422: true,
  },
];
const adminOperatorCases = (f: Fixture): Case[] => [
  {
    label: 'a membership in B',
    body: { username: 'matrix-new', displayName: 'Matrix', password: 'matrix-password-2026', organizationId: f.b.org, roleId: 'clerk' },
    expect: 'denied',
    refusedBy422: true,
  },
];
const adminMembershipCases = (f: Fixture): Case[] => [
  { label: "B's operator, a role in A", body: { organizationId: f.a.org, roleId: 'clerk' }, expect: 'denied' },
];

/** B's share, through B's person and through A's (a share is found only with the person it belongs to). */
const revokeCases = (f: Fixture): Case[] => [
  { label: "B's share", expect: 'denied' },
  { label: "A's person, B's share", params: { id: f.a.person }, expect: 'denied' },
];

/** Assessments of B's person, and of A's person as corrections of B's assessment (refused as a wrong field). */
const assessmentCreateCases = (f: Fixture): Case[] => [
  { label: "B's person", body: { formId: 'core.social-assessment', status: 'draft', answers: {} }, expect: 'denied' },
  {
    label: "A's person, correcting B's assessment",
    params: { id: f.a.person },
    body: { formId: 'core.social-assessment', status: 'draft', correctsId: f.b.assessment, answers: {} },
    expect: 'denied',
    refusedBy422: true,
  },
];

/** The access register and the cartella: B's person, desk, contact, cartella and diary note, alone or mixed with A's. */
const contactBody = (f: Fixture) => ({
  channel: 'di-persona',
  interlocutor: 'interessato',
  needs: ['economico'],
  outcome: 'information',
  personId: f.b.person,
});
const takeInChargeCases = (f: Fixture): Case[] => [
  { label: "B's person", body: { personId: f.b.person, area: 'anziani' }, expect: 'denied' },
  { label: "A's person, from B's contact", body: { personId: f.a.person, area: 'anziani', contactId: f.b.contact }, expect: 'denied' },
];
const transitionCases = (): Case[] => [
  { label: "B's cartella", body: { transition: 'close', reason: 'errore', version: 1 }, expect: 'denied' },
];
const teamCases = (f: Fixture): Case[] => [
  { label: "B's cartella", body: { operatorId: f.b.operator, role: 'educatore', version: 1 }, expect: 'denied' },
];
const teamEndCases = (f: Fixture): Case[] => [
  { label: "B's member", body: { version: 1 }, expect: 'denied' },
  { label: "A's cartella, B's member", params: { id: f.a.cartella }, body: { version: 1 }, expect: 'denied' },
];
const noteCases = (f: Fixture): Case[] => [
  { label: "B's cartella", body: { type: 'nota', confidentiality: 'organization', body: 'Matrice' }, expect: 'denied' },
  {
    label: "A's cartella, correcting B's note",
    params: { id: f.a.cartella },
    body: { type: 'nota', confidentiality: 'organization', body: 'Matrice', correctsId: f.b.diaryNote },
    expect: 'denied',
    refusedBy422: true,
  },
];
const registerCases = (f: Fixture): Case[] => [
  { label: 'own desk', expect: 'no-leak' },
  { label: "B's desk", query: { point: f.b.servicePoint }, expect: 'denied' },
];
/** Interventions: valid bodies, so that B's cartella or B's intervention is what refuses them, not validation. */
const interventionRequest = (f: Fixture) => ({
  cartellaId: f.b.cartella,
  service: 'core.A2.02',
  quantity: 2,
  frequency: 'weekly',
  periodFrom: '2026-01-01',
});
const interventionCases: Readonly<Record<string, (f: Fixture) => Case[]>> = {
  'POST /api/v1/interventions': (f) => [{ label: "B's cartella", body: interventionRequest(f), expect: 'denied' }],
  'POST /interventions': (f) => [{ label: "B's cartella", body: interventionRequest(f), expect: 'denied' }],
  'POST /api/v1/interventions/:id/transitions': () => [
    { label: "B's intervention", body: { move: 'suspend', reason: 'Matrice', version: 1 }, expect: 'denied' },
  ],
  'POST /interventions/:id/transitions': () => [
    { label: "B's intervention", body: { move: 'suspend', reason: 'Matrice', version: '1' }, expect: 'denied' },
  ],
  'POST /api/v1/interventions/:id/deliveries': () => [
    { label: "B's intervention", body: { periodFrom: '2026-01-01', periodTo: '2026-01-01', quantity: 1 }, expect: 'denied' },
  ],
  'POST /interventions/:id/deliveries': () => [
    { label: "B's intervention", body: { periodFrom: '2026-01-01', periodTo: '2026-01-01', quantity: '1' }, expect: 'denied' },
  ],
  'GET /interventions/new': (f) => [{ label: "B's cartella", query: { cartella: f.b.cartella, service: 'core.A2.02' }, expect: 'denied' }],
};
/** Documents: valid fields, so that B's cartella (with its document) is what refuses them, not validation. */
const documentFields = { title: 'Matrice', category: 'relazione', confidentiality: 'organization' };
const documentCases: Readonly<Record<string, (f: Fixture) => Case[]>> = {
  'POST /api/v1/cartelle/:id/documents': () => [{ label: "B's cartella", body: documentFields, expect: 'denied' }],
  'POST /cartelle/:id/documents': () => [{ label: "B's cartella", body: documentFields, expect: 'denied' }],
  'POST /api/v1/cartelle/:id/documents/:documentId/withdraw': () => [
    { label: "B's document", body: { reason: 'Matrice' }, expect: 'denied' },
  ],
  'POST /cartelle/:id/documents/:documentId/withdraw': () => [{ label: "B's document", body: { reason: 'Matrice' }, expect: 'denied' }],
};

/** The individual plan: valid bodies, so that B's cartella (with its active plan) is what refuses them, not validation. */
const planBody = { startsOn: '2026-01-01', reviewEvery: 3, reviewUnit: 'months', goals: [{ horizon: 'short', text: 'Matrice' }] };
const planCases: Readonly<Record<string, (f: Fixture) => Case[]>> = {
  'POST /api/v1/cartelle/:id/plan': () => [{ label: "B's cartella", body: planBody, expect: 'denied' }],
  'PUT /api/v1/cartelle/:id/plan': () => [{ label: "B's cartella", body: { ...planBody, version: 1 }, expect: 'denied' }],
  'POST /api/v1/cartelle/:id/plan/activate': () => [{ label: "B's cartella", body: { version: 1 }, expect: 'denied' }],
  'POST /api/v1/cartelle/:id/plan/reviews': () => [
    {
      label: "B's cartella",
      body: { version: 1, outcomes: [{ goalId: '00000000-0000-4000-8000-000000000000', achievement: 'none' }] },
      expect: 'denied',
    },
  ],
  'POST /api/v1/cartelle/:id/plan/close': () => [{ label: "B's cartella", body: { version: 1 }, expect: 'denied' }],
};
const cartellaCases: Readonly<Record<string, (f: Fixture) => Case[]>> = {
  'GET /access': registerCases,
  'GET /api/v1/access-contacts/register': registerCases,
  'GET /api/v1/access-contacts': (f) => [{ label: "B's person", query: { personId: f.b.person }, expect: 'no-leak' }],
  'GET /access/new': (f): Case[] => [
    { label: "B's person", query: { person: f.b.person }, expect: 'denied' },
    { label: "searching B's surname", query: { q: f.b.surname }, expect: 'no-leak' },
  ],
  'GET /access/:id': (f): Case[] => [
    { label: "B's contact", expect: 'denied' },
    { label: "A's contact, searching B's surname", params: { id: f.a.contact }, query: { q: f.b.surname }, expect: 'no-leak' },
  ],
  'POST /access': (f) => [{ label: "B's person", body: contactBody(f), expect: 'denied' }],
  'POST /api/v1/access-contacts': (f) => [{ label: "B's person", body: contactBody(f), expect: 'denied' }],
  'POST /access/:id/person': (f) => [
    { label: "B's contact", body: { personId: f.a.person, version: 1 }, expect: 'denied' },
    { label: "A's contact, B's person", params: { id: f.a.contact }, body: { personId: f.b.person, version: 1 }, expect: 'denied' },
  ],
  'POST /api/v1/access-contacts/:id/person': (f) => [
    { label: "B's contact", body: { personId: f.a.person, version: 1 }, expect: 'denied' },
    { label: "A's contact, B's person", params: { id: f.a.contact }, body: { personId: f.b.person, version: 1 }, expect: 'denied' },
  ],
  'POST /access/:id/referral': () => [{ label: "B's contact", body: { status: 'accepted', version: 1 }, expect: 'denied' }],
  'POST /api/v1/access-contacts/:id/referral': () => [{ label: "B's contact", body: { status: 'accepted', version: 1 }, expect: 'denied' }],
  'GET /cartelle': (f) => [{ label: "B's person", query: { person: f.b.person, scope: 'all' }, expect: 'no-leak' }],
  'GET /api/v1/cartelle': (f) => [{ label: "B's person", query: { person: f.b.person, scope: 'all' }, expect: 'no-leak' }],
  'GET /cartelle/new': (f): Case[] => [
    { label: "B's person", query: { person: f.b.person }, expect: 'denied' },
    { label: "A's person, B's contact", query: { person: f.a.person, contact: f.b.contact }, expect: 'denied' },
    { label: "searching B's surname", query: { q: f.b.surname }, expect: 'no-leak' },
  ],
  'POST /cartelle': takeInChargeCases,
  'POST /api/v1/cartelle': takeInChargeCases,
  'POST /cartelle/:id/transitions': transitionCases,
  'POST /api/v1/cartelle/:id/transitions': transitionCases,
  'POST /cartelle/:id/team': teamCases,
  'POST /api/v1/cartelle/:id/team': teamCases,
  'POST /cartelle/:id/team/:memberId/end': teamEndCases,
  'POST /api/v1/cartelle/:id/team/:memberId/end': teamEndCases,
  'POST /cartelle/:id/diary': noteCases,
  'POST /api/v1/cartelle/:id/diary': noteCases,
};

/** Requests that need more than the defaults, by route. */
const CASES: Readonly<Record<string, (f: Fixture) => Case[]>> = {
  'GET /api/v1/forms/:id': () => [{ label: 'a core form', expect: 'no-leak' }],
  'POST /people/:id/assessments': assessmentCreateCases,
  'POST /api/v1/people/:id/assessments': assessmentCreateCases,
  'GET /people/:id/assessments/new': (f): Case[] => [
    { label: "B's person", query: { form: 'core.social-assessment' }, expect: 'denied' },
    {
      label: "A's person, correcting B's assessment",
      params: { id: f.a.person },
      query: { form: 'core.social-assessment', corrects: f.b.assessment },
      expect: 'denied',
    },
  ],
  'GET /people/:id/assessments/compare': () => [{ label: "B's person", query: { form: 'core.social-assessment' }, expect: 'denied' }],
  'POST /assessments/:id': () => [{ label: "B's assessment", body: { version: 1, status: 'final', answers: {} }, expect: 'denied' }],
  'PUT /api/v1/assessments/:id': () => [{ label: "B's assessment", body: { version: 1, status: 'final', answers: {} }, expect: 'denied' }],
  'GET /people': searchCases,
  'GET /api/v1/people': searchCases,
  'POST /people': createCases,
  'POST /api/v1/people': createCases,
  'GET /people/:id': showCases,
  'GET /api/v1/people/:id': showCases,
  'POST /people/:id': updateCases,
  'PUT /api/v1/people/:id': updateCases,
  'POST /people/:id/shares': shareCases,
  'POST /api/v1/people/:id/shares': shareCases,
  'POST /people/:id/shares/:shareId/revoke': (f) => revokeCases(f),
  'POST /api/v1/people/:id/shares/:shareId/revoke': (f) => revokeCases(f),
  'POST /people/:id/households': () => [{ label: "B's person", body: { kind: 'convivente', relationCode: 'IS' }, expect: 'denied' }],
  'POST /api/v1/households': (f) => [
    { label: "B's person", body: { personId: f.b.person, kind: 'convivente', relationCode: 'IS' }, expect: 'denied' },
  ],
  'GET /households/:id': (f) => [
    { label: "B's household", expect: 'denied' },
    { label: "A's household, searching B's surname", params: { id: f.a.household }, query: { q: f.b.surname }, expect: 'no-leak' },
  ],
  'POST /households/:id/members': addMemberCases,
  'POST /api/v1/households/:id/members': addMemberCases,
  'POST /households/:id/members/:memberId/end': endMemberCases,
  'POST /api/v1/households/:id/members/:memberId/end': endMemberCases,
  'GET /people/merge': (f) => [
    { label: 'two of B', query: { a: f.b.person, b: f.b.twin }, expect: 'denied' },
    { label: "A's and B's", query: { a: f.a.person, b: f.b.person }, expect: 'denied' },
  ],
  'POST /people/merge': mergeCases,
  'POST /api/v1/people-merges': mergeCases,
  'POST /people/duplicates/distinct': (f) => mergeCases(f).slice(0, 2),
  'POST /people/merges/:id/undo': () => [{ label: "B's merge", expect: 'denied' }],
  'POST /api/v1/people-merges/:id/undo': () => [{ label: "B's merge", expect: 'denied' }],
  // A's own batch, naming B's person: told it exists elsewhere, never who it is.
  'POST /api/v1/people-imports': (f) => [
    {
      label: "rows with B's codice fiscale, and B's name and birth date",
      body: {
        rows: [
          { identityKind: 'cf', codiceFiscale: f.b.cf, surname: 'Diversi', name: 'Ottavio' },
          { identityKind: 'unknown', surname: f.b.surname, name: f.b.name, birthDate: f.b.birthDate },
        ],
      },
      expect: 'no-leak',
    },
  ],
  ...cartellaCases,
  ...interventionCases,
  ...planCases,
  ...documentCases,
  'GET /audit': (f) => [
    { label: 'latest entries', expect: 'no-leak' },
    { label: "entries about B's person", query: { entity: 'person', entityId: f.b.person }, expect: 'no-leak' },
  ],
  // Wrong input rather than a wrong password: the refusal is the same, without a password hash's second.
  'POST /login': () => [{ label: 'no password', body: { username: 'matrix-nobody', password: '', next: '/' }, expect: 'no-leak' }],
  'POST /account/password': () => [
    {
      label: 'confirmation differs',
      body: { current: 'not-the-password', next: 'a-new-long-password-1', confirm: 'another' },
      expect: 'no-leak',
    },
  ],
  'POST /session/organization': (f) => [
    { label: "B's membership", body: { membershipId: f.b.membership, next: '/' }, expect: 'denied', refusedBy422: true },
  ],
  'POST /account/tokens': (f) => [
    { label: "B's membership", body: { name: 'matrix', membershipId: f.b.membership }, expect: 'denied', refusedBy422: true },
  ],
  'POST /account/tokens/:id/revoke': () => [{ label: "B's operator's token", expect: 'denied' }],
  'POST /logout': () => [{ label: 'own session', expect: 'no-leak' }],
  // Asks for the alerts to be re-evaluated: each organization in its own scope, nothing of B's shown or changed by A.
  'POST /alerts/evaluate': () => [{ label: 'every organization', expect: 'no-leak' }],
  'POST /api/v1/alerts/evaluate': () => [{ label: 'every organization', expect: 'no-leak' }],
  'POST /admin/organizations': adminOrganizationCases,
  'POST /api/v1/admin/organizations': adminOrganizationCases,
  'POST /admin/organizations/:id/children': () => [
    {
      label: "under B's organization",
      body: { kind: 'service-point', subkind: 'pua', code: 'matrix-in-b', name: 'Matrix' },
      expect: 'denied',
    },
  ],
  'POST /admin/organizations/:id': () => [{ label: "B's organization", body: { name: 'Matrix' }, expect: 'denied' }],
  'PATCH /api/v1/admin/organizations/:id': () => [{ label: "B's organization", body: { name: 'Matrix' }, expect: 'denied' }],
  'POST /admin/organizations/:id/plugins/:plugin': () => [{ label: "B's organization", body: { state: 'off' }, expect: 'denied' }],
  'PUT /api/v1/admin/organizations/:id/plugins/:plugin': () => [{ label: "B's organization", body: { state: 'off' }, expect: 'denied' }],
  'POST /admin/organizations/:id/theme': () => [{ label: "B's organization", body: { theme: 'base' }, expect: 'denied' }],
  'PUT /api/v1/admin/organizations/:id/theme': () => [{ label: "B's organization", body: { theme: 'base' }, expect: 'denied' }],
  'POST /admin/operators': adminOperatorCases,
  'POST /api/v1/admin/operators': adminOperatorCases,
  'POST /admin/operators/:id/memberships': adminMembershipCases,
  'POST /api/v1/admin/operators/:id/memberships': adminMembershipCases,
  'POST /admin/operators/:id/status': () => [{ label: "B's operator", body: { active: 'false' }, expect: 'denied' }],
  'PUT /api/v1/admin/operators/:id/status': () => [{ label: "B's operator", body: { active: false }, expect: 'denied' }],
  'POST /account/sessions/end-all': () => [{ label: 'own sessions', expect: 'no-leak' }],
  // The catalogue is public; offers are not personal data, but only the organization and those above it write them.
  'GET /catalogue/:code': () => [{ label: 'a national entry', expect: 'no-leak' }],
  'GET /api/v1/catalogue/:code': () => [{ label: 'a national entry', expect: 'no-leak' }],
  'GET /catalogue/:code/offer': (f) => [{ label: "B's offer", query: { organizationId: f.b.org }, expect: 'no-leak' }],
  'GET /api/v1/catalogue/:code/offer': (f) => [{ label: "B's offer", query: { organizationId: f.b.org }, expect: 'no-leak' }],
  'POST /catalogue/:code/offer': (f) => [
    { label: "B's offer", body: { organizationId: f.b.org, active: 'on', unitCost: '1', custom: 'on' }, expect: 'denied' },
  ],
  'PUT /api/v1/catalogue/:code/offer': (f) => [
    { label: "B's offer", body: { organizationId: f.b.org, active: true, unitCost: 1, requirements: [] }, expect: 'denied' },
  ],
  'POST /people/:id/isee': () => [{ label: "B's person", body: iseeBody, expect: 'denied' }],
  'POST /api/v1/people/:id/isee': () => [{ label: "B's person", body: iseeBody, expect: 'denied' }],
  'POST /people/:id/disability': () => [
    { label: "B's person", body: { invalidityPercent: '80', certifiedOn: '2026-01-02' }, expect: 'denied' },
  ],
  'POST /api/v1/people/:id/disability': () => [
    { label: "B's person", body: { invalidityPercent: 80, certifiedOn: '2026-01-02' }, expect: 'denied' },
  ],
  'GET /people/:id/eligibility': () => [{ label: "B's person, a service", query: { service: 'core.A2.01' }, expect: 'denied' }],
  'GET /api/v1/people/:id/eligibility': () => [{ label: "B's person, a service", query: { service: 'core.A2.01' }, expect: 'denied' }],
};

/** An ISEE attestation as the forms and the API send it, aimed at B's person. */
const iseeBody = { type: 'ordinario', value: '5000', protocol: 'INPS-ISEE-2026-000000001-00', issuedOn: '2026-01-02' };

/**
 * The system administrator administers the whole installation (core/src/modules/admin): on the
 * administration's routes, B's organization, operators and memberships are in its reach by design. Its lists
 * there may name B's operator, and nothing else of B's. Its requests aimed at B's records there are not sent:
 * they would change B's accounts on purpose, and a read would rightly enter A's audit log (which A's privacy
 * officer reads) naming B's operator. core/test/admin.test.ts drives them on records of their own.
 */
const INSTALLATION_WIDE = {
  role: 'system-admin',
  route: /^[A-Z]+ (\/api\/v1)?\/admin(\/|$)/,
  mayShow: ["B's operator", "B's operator id"] as readonly string[],
};

/** Routes that end the session they are sent with: sent from a browser signed in for them alone. */
const SESSION_ENDING: ReadonlySet<string> = new Set(['POST /logout', 'POST /account/sessions/end-all']);

const isApiPath = (path: string): boolean => /^\/(p\/[a-z0-9-]+\/)?api(\/|$)/.test(path);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Every route of every router the application mounts (@koa/router hangs each router on its middleware). */
function mountedEndpoints(middleware: readonly unknown[]): { endpoints: Endpoint[]; unreadable: string[] } {
  const endpoints: Endpoint[] = [];
  const unreadable: string[] = [];
  for (const fn of middleware) {
    const router = (fn as { router?: Router }).router;
    if (!router) continue;
    for (const layer of router.stack) {
      if (typeof layer.path !== 'string') {
        unreadable.push(String(layer.path));
        continue;
      }
      for (const verb of layer.methods) {
        const method = verb.toLowerCase();
        if (method === 'head' || method === 'options') continue;
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) {
          unreadable.push(`${verb} ${layer.path}`);
          continue;
        }
        endpoints.push({
          method: method as Method,
          pattern: layer.path,
          params: layer.paramNames.map((k) => String(k.name)),
          name: layer.name ?? null,
          key: `${verb} ${layer.path}`,
        });
      }
    }
  }
  // Sent last: ending all of an operator's sessions ends the main browser's too.
  endpoints.sort((x, y) => Number(SESSION_ENDING.has(x.key)) - Number(SESSION_ENDING.has(y.key)));
  return { endpoints, unreadable };
}

function parameterValue(endpoint: Endpoint, param: string, f: Fixture): string | null {
  const rule = PARAMETERS.find((r) => r.param === param && r.path.test(endpoint.pattern));
  return rule ? rule.value(f) : null;
}

function casesOf(endpoint: Endpoint, f: Fixture): Case[] {
  const explicit = CASES[endpoint.key];
  if (explicit) return explicit(f);
  const unsafe = endpoint.method !== 'get';
  return [
    { label: 'defaults', ...(unsafe ? { body: defaultBody(f) } : {}), expect: endpoint.params.length || unsafe ? 'denied' : 'no-leak' },
  ];
}

function urlOf(endpoint: Endpoint, c: Case, f: Fixture): string {
  const path = endpoint.pattern.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) =>
    encodeURIComponent(c.params?.[name] ?? parameterValue(endpoint, name, f) ?? randomUUID()),
  );
  return c.query ? `${path}?${new URLSearchParams(c.query).toString()}` : path;
}

/** B's values an answer must never contain, by what they are. */
function markersOf(f: Fixture): Record<string, string> {
  return {
    "B's codice fiscale": f.b.cf,
    "B's surname": f.b.surname,
    "B's name": f.b.name,
    "B's person id": f.b.person,
    "B's alias id": f.b.alias,
    "B's twin id": f.b.twin,
    "B's household id": f.b.household,
    "B's member id": f.b.member,
    "B's merge id": f.b.merge,
    "B's share id": f.b.share,
    "B's import batch id": f.b.importBatch,
    "B's contact id": f.b.contact,
    "B's cartella id": f.b.cartella,
    "B's intervention id": f.b.intervention,
    "B's team member id": f.b.teamMember,
    "B's diary note id": f.b.diaryNote,
    "B's document id": f.b.document,
    "B's export run id": f.b.exportRun,
    "B's assessment id": f.b.assessment,
    "B's operator": f.b.username,
    "B's operator id": f.b.operator,
    "B's token id": f.b.tokenId,
    ...f.b.secrets,
  };
}

/** The markers an answer contains that the request did not send itself (an answer may repeat what it was sent). */
function leaks(markers: Record<string, string>, sent: string, res: supertest.Response): string[] {
  const request = sent.toLowerCase();
  const answer = [res.text ?? '', res.headers.location ?? '', res.headers['content-disposition'] ?? ''].join(' ').toLowerCase();
  return Object.entries(markers)
    .filter(([, value]) => !request.includes(value.toLowerCase()) && answer.includes(value.toLowerCase()))
    .map(([what]) => what);
}

const uuids = (ids: readonly string[]): string => {
  for (const id of ids) if (!UUID.test(id)) throw new Error(`not a uuid: ${id}`);
  return `'{${ids.join(',')}}'::uuid[]`;
};

/** Everything of B's a route could change or add to, as the owner reads it (row-level security aside). */
async function snapshotOfB(app: TestApp, f: Fixture): Promise<string> {
  const people = uuids([f.b.person, f.b.alias, f.b.twin]);
  const org = uuids([f.b.org]);
  const [row] = await asOwner(app, (em) =>
    em.execute<{ snapshot: string }[]>(
      `select json_build_object(
         'person', (select json_agg(p order by p.id) from core.person p where p.id = any (${people}) or p.merged_into = any (${people})),
         'people of B', (select count(*) from core.person p where p.owner_org_id = any (${org})),
         'household', (select json_agg(h order by h.id) from core.household h where h.id = ?),
         'households of B', (select count(*) from core.household h where h.owner_org_id = any (${org})),
         'member', (select json_agg(m order by m.id) from core.household_member m where m.person_id = any (${people}) or m.household_id = ?),
         'members of B', (select count(*) from core.household_member m where m.owner_org_id = any (${org})),
         'share', (select json_agg(s order by s.id) from core.person_share s where s.owner_org_id = any (${org}) or s.person_id = any (${people})),
         'imports', (select json_agg(i order by i.id) from core.person_import i where i.owner_org_id = any (${org})),
         'import rows', (select json_agg(r order by r.import_id, r.row_number) from core.person_import_row r where r.owner_org_id = any (${org})),
         'contacts', (select json_agg(c order by c.id) from core.access_contact c
                      where c.owner_org_id = any (${uuids(f.b.subtree)}) or c.person_id = any (${people})),
         'cartelle', (select json_agg(k order by k.id) from core.cartella k where k.owner_org_id = any (${org}) or k.person_id = any (${people})),
         'cartella counters', (select json_agg(n order by n.year) from core.cartella_counter n where n.owner_org_id = any (${org})),
         'cartella team', (select json_agg(t order by t.id) from core.cartella_team t where t.owner_org_id = any (${org})),
         'cartella history', (select json_agg(t order by t.id) from core.cartella_transition t where t.owner_org_id = any (${org})),
         'diary', (select json_agg(n order by n.id) from core.diary_note n where n.owner_org_id = any (${org})),
         'interventions', (select json_agg(i order by i.id) from core.intervention i where i.owner_org_id = any (${org}) or i.person_id = any (${people})),
         'intervention history', (select json_agg(t order by t.id) from core.intervention_transition t where t.owner_org_id = any (${org})),
         'deliveries', (select json_agg(d order by d.id) from core.delivery d where d.owner_org_id = any (${org})),
         'assessments', (select json_agg(a order by a.id) from core.assessment a where a.owner_org_id = any (${org}) or a.person_id = any (${people})),
         'plans', (select json_agg(p order by p.id) from core.plan p where p.owner_org_id = any (${org}) or p.cartella_id = any (${uuids([f.b.cartella])})),
         'plan goals', (select json_agg(g order by g.id) from core.plan_goal g where g.owner_org_id = any (${org})),
         'documents', (select json_agg(d order by d.id) from core.cartella_document d where d.owner_org_id = any (${org})),
         'cartella shares', (select json_agg(s order by s.id) from core.cartella_share s where s.owner_org_id = any (${org})),
         'consents', (select json_agg(c order by c.id) from core.consent c where c.owner_org_id = any (${org}) or c.person_id = any (${people})),
         'critical events', (select json_agg(e order by e.id) from core.critical_event e where e.owner_org_id = any (${org}) or e.person_id = any (${people})),
         'outbox', (select json_agg(m order by m.id) from core.outbox_message m where m.owner_org_id = any (${org})),
         'plan reviews', (select json_agg(r order by r.id) from core.plan_review r where r.owner_org_id = any (${org})),
         'alerts', (select json_agg(a order by a.id) from core.alert a where a.owner_org_id = any (${org}) or a.subject_id = any (${people})),
         'isee', (select json_agg(i order by i.id) from core.isee i where i.owner_org_id = any (${org}) or i.person_id = any (${people})),
         'disability', (select json_agg(d order by d.id) from core.disability_record d
                        where d.owner_org_id = any (${org}) or d.person_id = any (${people})),
         'offers', (select json_agg(o order by o.id) from core.service_offer o where o.owner_org_id = any (${uuids(f.b.subtree)})),
         'merge', (select json_agg(m order by m.id) from core.person_merge m
                   where m.owner_org_id = any (${org}) or m.survivor_id = any (${people}) or m.merged_id = any (${people})),
         'distinct', (select json_agg(d order by d.person_a, d.person_b) from core.person_distinct d
                      where d.owner_org_id = any (${org}) or d.person_a = any (${people}) or d.person_b = any (${people})),
         'tokens', (select json_agg(json_build_object('id', t.id, 'revoked', t.revoked_at, 'expires', t.expires_at) order by t.id)
                    from core.api_token t join core.membership m on m.id = t.membership_id where m.organization_id = any (${org})),
         'memberships', (select json_agg(m order by m.id) from core.membership m where m.organization_id = any (${org})),
         'operator', (select json_build_object('hash', o.password_hash, 'active', o.active) from core.operator o where o.id = ?)
       )::text as snapshot`,
      [f.b.household, f.b.household, f.b.operator],
    ),
  );
  return row!.snapshot;
}

/** The parts of two snapshots that differ. */
function snapshotDiff(before: string, after: string): string {
  const x = JSON.parse(before) as Record<string, unknown>;
  const y = JSON.parse(after) as Record<string, unknown>;
  return Object.keys(x)
    .filter((k) => JSON.stringify(x[k]) !== JSON.stringify(y[k]))
    .join(', ');
}

function report(violations: readonly Violation[]): string {
  const rows = violations.map((v) => `${v.route} [${v.label}] as ${v.role} → ${v.status}: ${v.problem}\n      ${v.url}`);
  return `${violations.length} violation(s):\n  ${rows.join('\n  ')}`;
}

describe('the authorization matrix', () => {
  let app: TestApp;
  let callback: ReturnType<ReturnType<typeof createHttpApp>['callback']>;
  let endpoints: Endpoint[];
  let unreadable: string[];
  let fixture: Fixture;
  let initial: string;
  const principals = new Map<string, Principal>();

  /** A browser signed in to a membership (a session started directly: no password hashing, which costs a second). */
  async function browser(operator: string, membership: string): Promise<{ agent: Agent; csrf: string }> {
    const token = await app.platform.sessions.start(app.platform.orm.em.fork(), operator, membership, {
      ip: '127.0.0.1',
      userAgent: 'matrix',
    });
    const agent = supertest.agent(callback).set('Cookie', `${SESSION_COOKIE}=${token}`);
    return { agent, csrf: await formToken(agent, '/account') };
  }

  beforeAll(async () => {
    app = await createTestApp({ plugins: ['hello'] });
    // The application under test, built as the server builds it: its routers are what the matrix enumerates.
    const http = createHttpApp(app.platform);
    callback = http.callback();
    ({ endpoints, unreadable } = mountedEndpoints(http.middleware));

    const tag = randomBytes(4).toString('hex');
    const b = { surname: 'Quarzonetti', name: 'Ermenegilda', birthDate: '1957-03-14', sex: 'F' as const, place: 'A207' };
    const a = { surname: 'Tramontanelli', name: 'Gervasio', birthDate: '1980-05-05', sex: 'M' as const, place: 'G148' };
    const cfB = computeCodiceFiscale({ surname: b.surname, name: b.name, sex: b.sex, birthDate: b.birthDate, birthPlaceCode: b.place });
    const cfA = computeCodiceFiscale({ surname: a.surname, name: a.name, sex: a.sex, birthDate: a.birthDate, birthPlaceCode: a.place });
    const secrets = {
      "B's notes": `nota-riservata-${tag}`,
      "B's phone": `+39 333 55${tag}`,
      "B's street": `Via Segreta ${tag}`,
      "B's household label": `Nucleo riservato ${tag}`,
      "B's share purpose": `finalita-riservata-${tag}`,
      "B's contact notes": `bisogno-riservato-${tag}`,
      "B's diary note": `colloquio-riservato-${tag}`,
      "B's assessment summary": `valutazione-riservata-${tag}`,
      "B's plan goal": `obiettivo-riservato-${tag}`,
      "B's document title": `documento-riservato-${tag}`,
      "B's cartella share purpose": `condivisione-riservata-${tag}`,
      "B's consent document": `consenso-riservato-${tag}`,
      "B's critical event note": `evento-riservato-${tag}`,
      "B's DSU protocol": `INPS-ISEE-2026-${tag.toUpperCase()}X-00`,
    };
    const roleTokens = new Map<string, { operator: string; membership: string; token: string }>();

    fixture = await asOwner(app, async (em) => {
      const one = async <T>(sql: string, params: unknown[] = []): Promise<T> => (await em.execute<T[]>(sql, params))[0]!;
      const orgs = await em.execute<{ id: string; code: string }[]>('select id::text as id, code from core.organization');
      const org = (code: string): string => orgs.find((o) => o.code === code)!.id;
      const orgA = org(ORG_A);
      const orgB = org(ORG_B);

      // B's person, with an alias merged into it, a suspected duplicate, a household, and a share to a third organization.
      const personB = await one<{ id: string; version: number }>(
        `insert into core.person (owner_org_id, codice_fiscale, cf_canonical, surname, name, sex, birth_date, birth_place_code,
           residence, contacts, legal_status_notes)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?) returning id::text as id, version`,
        [
          orgB,
          cfB,
          canonicalCodiceFiscale(cfB),
          b.surname,
          b.name,
          b.sex,
          b.birthDate,
          b.place,
          JSON.stringify({ comuneCode: b.place, street: secrets["B's street"], postcode: '05011' }),
          JSON.stringify([{ kind: 'mobile', value: secrets["B's phone"] }]),
          secrets["B's notes"],
        ],
      );
      const unidentified = (mergedInto: string | null) =>
        one<{ id: string }>(
          `insert into core.person (owner_org_id, provisional_kind, surname, name, sex, birth_date, birth_place_code, merged_into)
           values (?, 'unknown', ?, ?, ?, ?, ?, ?) returning id::text as id`,
          [orgB, b.surname, b.name, b.sex, b.birthDate, b.place, mergedInto],
        );
      const alias = await unidentified(personB.id);
      const twin = await unidentified(null);
      const household = await one<{ id: string; version: number }>(
        `insert into core.household (owner_org_id, kind, label) values (?, 'anagrafico', ?) returning id::text as id, version`,
        [orgB, secrets["B's household label"]],
      );
      const member = await one<{ id: string }>(
        `insert into core.household_member (household_id, owner_org_id, person_id, relation_code, valid_from)
         values (?, ?, ?, 'IS', '2020-01-01') returning id::text as id`,
        [household.id, orgB, personB.id],
      );
      const merge = await one<{ id: string }>(
        `insert into core.person_merge (owner_org_id, survivor_id, merged_id, moved) values (?, ?, ?, '{}') returning id::text as id`,
        [orgB, personB.id, alias.id],
      );
      const share = await one<{ id: string }>(
        `insert into core.person_share (person_id, owner_org_id, grantee_org_id, purpose, expires_at)
         values (?, ?, ?, ?, current_date + 60) returning id::text as id`,
        [personB.id, orgB, org(ORG_THIRD), secrets["B's share purpose"]],
      );
      const importBatch = await one<{ id: string }>(
        `insert into core.person_import (owner_org_id, file_name, source, row_count) values (?, 'anagrafe.csv', 'csv', 1) returning id::text as id`,
        [orgB],
      );
      const staged = { codiceFiscale: cfB, surname: b.surname, name: b.name, sex: b.sex, birthDate: b.birthDate, birthPlaceCode: b.place };
      await em.execute(
        `insert into core.person_import_row (import_id, owner_org_id, row_number, raw, input) values (?, ?, 2, ?::jsonb, ?::jsonb)`,
        [
          importBatch.id,
          orgB,
          JSON.stringify({ codice_fiscale: cfB, cognome: b.surname, nome: b.name, cellulare: secrets["B's phone"] }),
          JSON.stringify({ ...staged, identityKind: 'cf', citizenships: [], contacts: [] }),
        ],
      );

      const assessment = await one<{ id: string }>(
        `insert into core.assessment (owner_org_id, person_id, form_id, form_version, answers, status, assessed_on)
         values (?, ?, 'core.social-assessment', 1, ?::jsonb, 'draft', '2026-01-01') returning id::text as id`,
        [orgB, personB.id, JSON.stringify({ summary: secrets["B's assessment summary"] })],
      );
      const alert = await one<{ id: string }>(
        `insert into core.alert (owner_org_id, rule_id, code, subject_type, subject_id, severity, message_key)
         values (?, 'core.repeated-access', 'repeated-access', 'person', ?, 'warning', 'core:alerts.rules.repeatedAccess')
         returning id::text as id`,
        [orgB, personB.id],
      );
      // B's person's ISEE and certification, and B's own offer of a service.
      await em.execute(
        `insert into core.isee (owner_org_id, person_id, household_id, isee_type, isee_value, dsu_protocol, issued_on, expires_on)
         values (?, ?, ?, 'ordinario', 4321, ?, '2026-01-02', '2026-12-31')`,
        [orgB, personB.id, household.id, secrets["B's DSU protocol"]],
      );
      await em.execute(
        `insert into core.disability_record (owner_org_id, person_id, invalidity_percent, certified_on) values (?, ?, 67, '2025-01-02')`,
        [orgB, personB.id],
      );
      await em.execute(`insert into core.service_offer (owner_org_id, entry_code, unit_cost) values (?, 'core.A2.01', 4.5)`, [orgB]);

      // A's own person and household, for the requests that mix them with B's.
      const personA = await one<{ id: string; version: number }>(
        `insert into core.person (owner_org_id, codice_fiscale, cf_canonical, surname, name, sex, birth_date, birth_place_code)
         values (?, ?, ?, ?, ?, ?, ?, ?) returning id::text as id, version`,
        [orgA, cfA, canonicalCodiceFiscale(cfA), a.surname, a.name, a.sex, a.birthDate, a.place],
      );
      const householdA = await one<{ id: string }>(
        `insert into core.household (owner_org_id, kind) values (?, 'convivente') returning id::text as id`,
        [orgA],
      );
      await em.execute(
        `insert into core.household_member (household_id, owner_org_id, person_id, relation_code, valid_from) values (?, ?, ?, 'IS', '2020-01-01')`,
        [householdA.id, orgA, personA.id],
      );

      // An operator per role, each with one membership in A and an API token acting in it; B's own operator.
      const enrol = async (username: string, orgId: string, role: string) => {
        const { id: operator } = await one<{ id: string }>(
          'insert into core.operator (username, display_name) values (?, ?) returning id::text as id',
          [username, `Matrix ${role}`],
        );
        await app.platform.operators.addMembership(em, operator, orgId, role);
        const { id: membership } = await one<{ id: string }>('select id::text as id from core.membership where operator_id = ?', [
          operator,
        ]);
        return { operator, membership, token: await app.platform.apiTokens.create(em, operator, membership, 'matrix') };
      };
      for (const role of ROLES.filter((r) => r !== ANONYMOUS)) roleTokens.set(role, await enrol(`matrix-${role}`, orgA, role));
      const control = await enrol('matrix-b-control', orgB, 'service-manager');
      const controlToken = await one<{ id: string }>('select id::text as id from core.api_token where membership_id = ?', [
        control.membership,
      ]);
      const subtree = async (id: string) => [...(await app.platform.organizations.subtree(em, id))];

      // B's front desk and cartella: a contact today at B's segretariato, a cartella of B (its controller) with its
      // opening, a team member and a diary note any of B's diary readers may read.
      const servicePoint = org('demo-segretariato-2');
      const contact = await one<{ id: string }>(
        `insert into core.access_contact (owner_org_id, occurred_at, channel, interlocutor, person_id, needs, notes, outcome)
         values (?, now(), 'di-persona', 'interessato', ?, '{economico}', ?, 'information') returning id::text as id`,
        [servicePoint, personB.id, secrets["B's contact notes"]],
      );
      // And one the comune's own social service recorded (owned by B itself).
      await em.execute(
        `insert into core.access_contact (owner_org_id, occurred_at, channel, interlocutor, person_id, needs, notes, outcome)
         values (?, now() - interval '3 days', 'telefono', 'familiare', ?, '{salute}', ?, 'orientation')`,
        [orgB, personB.id, secrets["B's contact notes"]],
      );
      const cartella = await one<{ id: string }>(
        `insert into core.cartella (owner_org_id, year, seq, person_id, area, state, state_since, opened_on, responsible_operator_id, opened_by_org_id)
         values (?, 2026, 9001, ?, 'anziani', 'open', core.local_today(), core.local_today(), ?, ?) returning id::text as id`,
        [orgB, personB.id, control.operator, orgB],
      );
      await em.execute(
        `insert into core.cartella_transition (cartella_id, owner_org_id, to_state, on_date, by_operator) values (?, ?, 'open', core.local_today(), ?)`,
        [cartella.id, orgB, control.operator],
      );
      const teamMember = await one<{ id: string }>(
        `insert into core.cartella_team (cartella_id, owner_org_id, operator_id, role, valid_from) values (?, ?, ?, 'assistente-sociale', core.local_today())
         returning id::text as id`,
        [cartella.id, orgB, control.operator],
      );
      const diaryNote = await one<{ id: string }>(
        `insert into core.diary_note (cartella_id, owner_org_id, occurred_on, type, confidentiality, body, author_id)
         values (?, ?, core.local_today(), 'colloquio', 'organization', ?, ?) returning id::text as id`,
        [cartella.id, orgB, secrets["B's diary note"], control.operator],
      );
      const interventionB = await one<{ id: string }>(
        `insert into core.intervention (owner_org_id, cartella_id, person_id, entry_code, state, requested_on, quantity, unit, amount, frequency,
           period_from, eligibility_outcome, decision_act, decision_on)
         values (?, ?, ?, 'core.A2.02', 'active', core.local_today(), 4, 'hours', 96, 'weekly', core.local_today(), 'pass', 'DD 1', core.local_today())
         returning id::text as id`,
        [orgB, cartella.id, personB.id],
      );
      await em.execute(
        `insert into core.delivery (intervention_id, owner_org_id, period_from, period_to, quantity, amount) values (?, ?, core.local_today(), core.local_today(), 1, 24)`,
        [interventionB.id, orgB],
      );
      await em.execute(
        `insert into core.intervention_transition (intervention_id, owner_org_id, from_state, to_state, on_date, act) values (?, ?, 'approved', 'active', core.local_today(), null)`,
        [interventionB.id, orgB],
      );
      // B's cartella has an active plan with a goal, so that the plan's routes aimed at it find something to refuse.
      const planB = await one<{ id: string }>(
        `insert into core.plan (owner_org_id, cartella_id, state, starts_on, review_every, review_unit, next_review_on, responsible_operator_id)
         values (?, ?, 'active', core.local_today(), 3, 'months', core.local_today() + 90, ?) returning id::text as id`,
        [orgB, cartella.id, control.operator],
      );
      await em.execute(`insert into core.plan_goal (owner_org_id, plan_id, position, horizon, text) values (?, ?, 0, 'short', ?)`, [
        orgB,
        planB.id,
        secrets["B's plan goal"],
      ]);
      const documentB = await one<{ id: string }>(
        `insert into core.cartella_document (cartella_id, owner_org_id, title, category, confidentiality, filename, media_type, size_bytes,
           sha256, storage, content, scan_status, uploaded_by)
         values (?, ?, ?, 'relazione', 'organization', 'relazione.txt', 'text/plain; charset=utf-8', 5, repeat('a', 64), 'database',
           convert_to(?, 'UTF8'), 'not-scanned', ?) returning id::text as id`,
        [cartella.id, orgB, secrets["B's document title"], secrets["B's document title"], control.operator],
      );
      const cartellaShareB = await one<{ id: string }>(
        `insert into core.cartella_share (cartella_id, owner_org_id, grantee_org_id, parts, purpose, expires_on, legal_basis)
         values (?, ?, ?, '{summary,diary}', ?, core.local_today() + 30, 'care') returning id::text as id`,
        [cartella.id, orgB, org(ORG_THIRD), secrets["B's cartella share purpose"]],
      );
      const consentB = await one<{ id: string }>(
        `insert into core.consent (owner_org_id, person_id, cartella_id, kind, purpose, given_on, given_by, document_ref)
         values (?, ?, ?, 'consent', 'condivisione-sanitaria', core.local_today(), 'interessato', ?) returning id::text as id`,
        [orgB, personB.id, cartella.id, secrets["B's consent document"]],
      );
      const criticalEventB = await one<{ id: string }>(
        `insert into core.critical_event (owner_org_id, person_id, event_type, occurred_on, note, recorded_by)
         values (?, ?, 'sfratto', core.local_today(), ?, ?) returning id::text as id`,
        [orgB, personB.id, secrets["B's critical event note"], control.operator],
      );
      const outboxB = await one<{ id: string }>(
        `insert into core.outbox_message (owner_org_id, channel, message_type, idempotency_key, payload, status, attempts, max_attempts, last_error)
         values (?, 'sigess.port.health-system', 'pua-scheda', ?, ?::jsonb, 'failed', 10, 10, 'ECONNREFUSED') returning id::text as id`,
        [orgB, `matrix-outbox-${tag}`, JSON.stringify({ person: { codiceFiscale: cfB, surname: b.surname } })],
      );
      // An export of B's: its row, and its file under the exports folder, naming B's person. Its flow is not in this
      // installation; the run keeps the permission it was started under, which any of B's operators holds.
      const exportB = await one<{ id: string; key: string }>(
        `insert into core.export_run (owner_org_id, flow_id, permission, format, params, state, done, total, bytes, file_name, requested_by,
           started_at, finished_at)
         values (?, 'hello.matrix-flow', 'core.exports.use', 'csv', '{"period":"2026-01"}', 'done', 1, 1, 0, 'matrix.csv', ?, now(), now())
         returning id::text as id, owner_org_id::text || '/' || id::text || '.csv' as key`,
        [orgB, control.operator],
      );
      await em.execute('update core.export_run set file_key = ? where id = ?', [exportB.key, exportB.id]);
      mkdirSync(join(app.platform.config.exports.folder!, orgB), { recursive: true });
      writeFileSync(join(app.platform.config.exports.folder!, exportB.key), `codice_fiscale;cognome\n${cfB};${b.surname}\n`);
      const cartellaA = await one<{ id: string }>(
        `insert into core.cartella (owner_org_id, year, seq, person_id, area, state, state_since, opened_on, responsible_operator_id, opened_by_org_id)
         values (?, 2026, 9001, ?, 'poverta', 'open', core.local_today(), core.local_today(), ?, ?) returning id::text as id`,
        [orgA, personA.id, roleTokens.get('social-worker')!.operator, orgA],
      );
      const contactA = await one<{ id: string }>(
        `insert into core.access_contact (owner_org_id, occurred_at, channel, interlocutor, anonymous_description, needs, outcome)
         values (?, now(), 'telefono', 'interessato', 'Anonimo di A', '{informazioni}', 'information') returning id::text as id`,
        [orgA],
      );

      return {
        a: {
          org: orgA,
          subtree: await subtree(orgA),
          person: personA.id,
          personVersion: personA.version,
          household: householdA.id,
          cartella: cartellaA.id,
          contact: contactA.id,
          ...a,
        },
        b: {
          org: orgB,
          subtree: await subtree(orgB),
          cf: cfB,
          surname: b.surname,
          name: b.name,
          birthDate: b.birthDate,
          person: personB.id,
          personVersion: personB.version,
          alias: alias.id,
          twin: twin.id,
          household: household.id,
          householdVersion: household.version,
          member: member.id,
          merge: merge.id,
          share: share.id,
          importBatch: importBatch.id,
          assessment: assessment.id,
          alert: alert.id,
          servicePoint,
          contact: contact.id,
          cartella: cartella.id,
          teamMember: teamMember.id,
          diaryNote: diaryNote.id,
          intervention: interventionB.id,
          document: documentB.id,
          cartellaShare: cartellaShareB.id,
          consent: consentB.id,
          criticalEvent: criticalEventB.id,
          outboxMessage: outboxB.id,
          exportRun: exportB.id,
          operator: control.operator,
          username: 'matrix-b-control',
          membership: control.membership,
          tokenId: controlToken.id,
          token: control.token,
          secrets,
        },
      };
    });

    // B's operator at work on B's record: B's data now includes its trail in the audit log.
    await supertest(callback).get(`/api/v1/people/${fixture.b.person}`).set('Authorization', `Bearer ${fixture.b.token}`).expect(200);

    const visitor = supertest.agent(callback);
    principals.set(ANONYMOUS, {
      role: ANONYMOUS,
      operator: null,
      membership: null,
      agent: visitor,
      csrf: await formToken(visitor, '/login'),
      token: null,
    });
    for (const [role, { operator, membership, token }] of roleTokens) {
      principals.set(role, { role, operator, membership, token, ...(await browser(operator, membership)) });
    }
    initial = await snapshotOfB(app, fixture);
  });
  afterAll(() => app?.close());

  /** Sends one case: the API with the principal's token, pages from its browser (with the form token). */
  async function send(p: Principal, endpoint: Endpoint, c: Case): Promise<{ url: string; res: supertest.Response }> {
    const url = urlOf(endpoint, c, fixture);
    const api = isApiPath(url);
    const unsafe = endpoint.method !== 'get';
    if (api && p.token) {
      const req = supertest(callback)[endpoint.method](url).set('Authorization', `Bearer ${p.token}`);
      return { url, res: await (unsafe ? req.send(c.body ?? {}) : req) };
    }
    const req = p.agent[endpoint.method](url);
    if (!unsafe) return { url, res: await req };
    const body = { ...(c.body ?? {}), _csrf: p.csrf };
    return { url, res: await (api ? req.send(body) : req.type('form').send(body)) };
  }

  /** Every case of every route as one role; what went wrong, route by route. */
  async function runMatrix(role: string): Promise<Violation[]> {
    const main = principals.get(role)!;
    const markers = markersOf(fixture);
    const violations: Violation[] = [];
    let before = await snapshotOfB(app, fixture);
    for (const endpoint of endpoints) {
      for (const c of casesOf(endpoint, fixture)) {
        const unsafe = endpoint.method !== 'get';
        const installationWide = role === INSTALLATION_WIDE.role && INSTALLATION_WIDE.route.test(endpoint.key);
        if (installationWide && (unsafe || endpoint.params.length)) continue;
        const endsSession = SESSION_ENDING.has(endpoint.key) && main.operator !== null;
        const p = endsSession ? { ...main, ...(await browser(main.operator!, main.membership!)) } : main;
        const { url, res } = await send(p, endpoint, c);
        const add = (problem: string) => violations.push({ role, route: endpoint.key, label: c.label, url, status: res.status, problem });

        if (res.status >= 500) add('server error');
        for (const what of leaks(markers, `${url} ${JSON.stringify(c.body ?? {})}`, res)) {
          if (!(installationWide && INSTALLATION_WIDE.mayShow.includes(what))) add(`leaks ${what}`);
        }
        if (c.expect === 'denied' && !installationWide && res.status < 500) {
          const toSignIn =
            role === ANONYMOUS && endpoint.method === 'get' && res.status === 302 && String(res.headers.location).startsWith('/login');
          // A 422 from a route's own schema means the body never reached the authorization: the case needs fixing.
          const refusals = [401, 403, 404, 409, ...(c.refusedBy422 || !CASES[endpoint.key] ? [422] : [])];
          if (!toSignIn && !refusals.includes(res.status))
            add(res.status === 422 ? "the body failed validation, so B's records were never reached (fix the case)" : 'not refused');
        }
        if (unsafe) {
          const after = await snapshotOfB(app, fixture);
          if (after !== before) add(`changed B's data (${snapshotDiff(before, after)})`);
          before = after;
          // The browser must still act in A: a write to the session is a write too.
          if (!isApiPath(url) && main.operator && !endsSession) {
            const me = await main.agent.get('/api/v1/me');
            const acting = (me.body as { organization?: { id?: string } }).organization?.id;
            if (me.status !== 200) add(`the session did not survive (${me.status}): list the route in SESSION_ENDING`);
            else if (acting !== fixture.a.org) add(`the session now acts in organization ${String(acting)}`);
          }
        }
      }
    }
    return violations;
  }

  it.each(ROLES)('as %s of demo-comune, no route shows or changes the data of demo-comune-2, or fails', async (role) => {
    const violations = await runMatrix(role);
    if (violations.length) throw new Error(report(violations));
  });

  it("leaves B's records exactly as they were", async () => {
    expect(await snapshotOfB(app, fixture)).toBe(initial);
  });

  it('reads every route from the mounted routers: core, plugins, sign-in and account, health', () => {
    const keys = endpoints.map((e) => e.key);
    const table = app.platform.routes.routes.map((r) => `${r.method.toUpperCase()} ${app.platform.routes.pattern(r)}`);
    expect(table.filter((k) => !keys.includes(k))).toEqual([]);
    expect(keys).toEqual(
      expect.arrayContaining([
        'GET /people/:id',
        'PUT /api/v1/people/:id',
        'GET /p/hello',
        'POST /account/tokens/:id/revoke',
        'GET /api/v1/me',
        'GET /healthz',
      ]),
    );
    expect(unreadable).toEqual([]);
  });

  it("knows which of B's records every path parameter names (add new ones to PARAMETERS)", () => {
    const unknown = endpoints.flatMap((e) => e.params.filter((p) => parameterValue(e, p, fixture) === null).map((p) => `${e.key} (:${p})`));
    expect(unknown).toEqual([]);
  });

  it('has request cases only for routes that exist', () => {
    const keys = new Set(endpoints.map((e) => e.key));
    expect([...Object.keys(CASES), ...SESSION_ENDING].filter((k) => !keys.has(k))).toEqual([]);
  });

  it("lets B's own operator read what A's are refused, so that the matrix can fail", async () => {
    const grants = await app.platform.matrix.load(app.platform.orm.em.fork());
    const control: Principal = {
      role: 'service-manager',
      operator: fixture.b.operator,
      membership: fixture.b.membership,
      token: fixture.b.token,
      ...(await browser(fixture.b.operator, fixture.b.membership)),
    };
    const mentionsA = (text: string) => [fixture.a.person, fixture.a.household].some((id) => text.includes(id));
    const checked: string[] = [];
    const failures: string[] = [];
    for (const endpoint of endpoints) {
      const route = endpoint.name ? app.platform.routes.get(endpoint.name) : undefined;
      if (endpoint.method !== 'get' || !route || !grants.get('service-manager')?.has(route.permission)) continue;
      for (const c of casesOf(endpoint, fixture).filter((x) => x.expect === 'denied')) {
        if (mentionsA(urlOf(endpoint, c, fixture))) continue;
        const { res } = await send(control, endpoint, c);
        checked.push(endpoint.key);
        if (res.status !== 200 || !leaks(markersOf(fixture), '', res).length) failures.push(`${endpoint.key} [${c.label}] → ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toEqual(
      expect.arrayContaining([
        'GET /people/:id',
        'GET /api/v1/people/:id',
        'GET /households/:id',
        'GET /api/v1/households/:id',
        'GET /api/v1/exports/:id',
        'GET /exports/:id/file',
      ]),
    );

    const api = (path: string) => supertest(callback).get(path).set('Authorization', `Bearer ${fixture.b.token}`);
    const found = await api(`/api/v1/people?q=${fixture.b.surname}`).expect(200);
    expect((found.body as { items: { id: string }[] }).items.map((i) => i.id)).toContain(fixture.b.person);
    const queue = await api('/api/v1/people-duplicates').expect(200);
    expect(JSON.stringify(queue.body)).toContain(fixture.b.twin);
    // And A's operators see A's own records.
    const own = await supertest(callback)
      .get(`/api/v1/people/${fixture.a.person}`)
      .set('Authorization', `Bearer ${principals.get('social-worker')!.token!}`)
      .expect(200);
    expect((own.body as { surname: string }).surname).toBe(fixture.a.surname);
  });

  describe('row-level security, under a deliberately unfiltered query', () => {
    const TABLES = [
      'person',
      'household',
      'household_member',
      'person_share',
      'person_merge',
      'person_import',
      'person_import_row',
      'access_contact',
      'cartella',
      'cartella_team',
      'cartella_transition',
      'diary_note',
      'intervention',
      'intervention_transition',
      'delivery',
      'assessment',
      'isee',
      'disability_record',
      'alert',
      'cartella_document',
      'cartella_share',
      'consent',
      'critical_event',
      'export_run',
    ] as const;
    const count = async (em: EntityManager, sql: string, params: unknown[] = []) =>
      Number((await em.execute<{ n: string }[]>(sql, params))[0]!.n);

    it("shows A's scope none of B's rows", async () => {
      await app.platform.orm.em.fork().transactional(async (tx) => {
        expect((await tx.execute<{ who: string }[]>('select current_user as who'))[0]!.who).toBe(app.platform.config.appRole);
        await enterScope(tx, { orgId: fixture.a.org, orgs: fixture.a.subtree });
        for (const table of TABLES) {
          const n = await count(tx, `select count(*) as n from core.${table} where owner_org_id = ?`, [fixture.b.org]);
          expect({ table, rows: n }).toEqual({ table, rows: 0 });
        }
        expect(await count(tx, 'select count(*) as n from core.person where id = ?', [fixture.b.person])).toBe(0);
        expect(await count(tx, `select count(*) as n from core.person where owner_org_id <> all (${uuids(fixture.a.subtree)})`)).toBe(0);
        // The ORM with its organization filter switched off: row-level security still holds.
        const everyone = await tx.find(Person, {}, { filters: false });
        expect(everyone.map((p) => p.id)).toContain(fixture.a.person);
        expect(everyone.filter((p) => !fixture.a.subtree.includes(p.ownerOrgId))).toEqual([]);
      });
    });

    it('shows a transaction with no scope no person at all', async () => {
      await app.platform.orm.em.fork().transactional(async (tx) => {
        expect(await count(tx, 'select count(*) as n from core.person')).toBe(0);
        expect(await count(tx, 'select count(*) as n from core.household_member')).toBe(0);
      });
      expect(await count(app.platform.orm.em.fork(), 'select count(*) as n from core.person')).toBe(0);
    });

    it("shows B's scope B's rows (so that the checks above can fail)", async () => {
      await app.platform.orm.em.fork().transactional(async (tx) => {
        await enterScope(tx, { orgId: fixture.b.org, orgs: fixture.b.subtree });
        expect(await count(tx, 'select count(*) as n from core.person where id = ?', [fixture.b.person])).toBe(1);
        for (const table of TABLES) {
          const n = await count(tx, `select count(*) as n from core.${table} where owner_org_id = ?`, [fixture.b.org]);
          expect({ table, visible: n > 0 }).toEqual({ table, visible: true });
        }
      });
    });
  });
});
