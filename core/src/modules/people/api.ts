// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from 'zod';
import type { RouteRegistrar } from '../../sdk/routes';
import { HttpError } from '../../sdk/errors';
import type { Person } from './entities';
import type { Candidate } from './people';
import { personCreateInput, personOutput, personSavedOutput, personSearchQuery, personUpdateInput, type PersonSearch } from './schemas';
import { householdCreateInput, memberAddInput, memberEndInput, mergeInput, asOfQuery, shareInput } from './household-schemas';
import {
  actor,
  addMember,
  endMember,
  households,
  merges,
  mergePeople,
  openHousehold,
  people,
  revokeShare,
  shareRecord,
  shares,
  undoMerge,
  visiblePerson,
  warningsOf,
} from './actions';
import type { ShareView } from './shares';
import { localToday } from '../../sdk/local-time';
import { COMPARED_FIELDS, compareWithRegistry, lookUp } from './registry-lookup';
import { registryCheckInput, registryLookupQuery } from './registry-schemas';

function toJson(p: Person): z.input<typeof personOutput> {
  return {
    id: p.id,
    ownerOrgId: p.ownerOrgId,
    codiceFiscale: p.codiceFiscale,
    provisionalKind: p.provisionalKind,
    provisionalCode: p.provisionalCode,
    surname: p.surname,
    name: p.name,
    sex: p.sex,
    birthDate: p.birthDate,
    birthPlaceCode: p.birthPlaceCode,
    citizenships: p.citizenships,
    residence: p.residence,
    domicile: p.domicile,
    contacts: p.contacts,
    legalStatusNotes: p.legalStatusNotes,
    deceasedDate: p.deceasedDate,
    mergedInto: p.mergedInto,
    version: p.version,
  };
}

export function candidateJson(c: Candidate) {
  return { personId: c.person ? c.personId : null, reason: c.reason, owner: c.owner, person: c.person };
}

const page = z.object({ items: z.array(z.unknown()), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

const shareOutput = z
  .object({
    id: z.uuid(),
    organization: z.string().describe('Name of the organization the record is shared with'),
    organizationCode: z.string(),
    purpose: z.string(),
    expiresAt: z.iso.date().nullable(),
    grantedAt: z.iso.datetime(),
    revokedAt: z.iso.datetime().nullable(),
    revokedBy: z.string().nullable().describe('Name of the operator who revoked it'),
    active: z.boolean().describe('Neither revoked nor past its end date: it opens the record to the organization'),
  })
  .meta({ id: 'PersonShare' });

function shareJson(s: ShareView): z.input<typeof shareOutput> {
  return {
    id: s.id,
    organization: s.organization,
    organizationCode: s.organizationCode,
    purpose: s.purpose,
    expiresAt: s.expiresAt,
    grantedAt: new Date(s.grantedAt).toISOString(),
    revokedAt: s.revokedAt ? new Date(s.revokedAt).toISOString() : null,
    revokedBy: s.revokedBy,
    active: !s.revokedAt && !s.expired,
  };
}

/** The registry's JSON API under /api/v1: the same services and schemas as the pages. */
export function registerPeopleApi(r: RouteRegistrar): void {
  r.get(
    'api.people.search',
    '/api/v1/people',
    {
      permission: 'core.people.view',
      query: personSearchQuery,
      response: page,
      summary: 'Search people by codice fiscale, name or birth date',
    },
    async (ctx) => {
      const q = ctx.query as PersonSearch;
      const result = await people.search(ctx.em, q);
      await ctx.audit({ action: 'person.search', entity: 'person', details: { results: result.total } });
      return { json: { ...result, page: q.page, pageSize: q.pageSize } };
    },
  );
  r.post(
    'api.people.create',
    '/api/v1/people',
    {
      permission: 'core.people.edit',
      body: personCreateInput,
      response: personSavedOutput,
      summary: 'Register a person (409 lists possible duplicates; `warnings` lists what to check, which did not stop saving)',
    },
    async (ctx) => {
      const input = ctx.body as z.output<typeof personCreateInput>;
      const outcome = await people.create(ctx.em, input, actor(ctx));
      if (outcome.kind !== 'created') {
        throw HttpError.conflict(outcome.kind === 'blocked' ? 'core:people.duplicates.blocked' : 'core:people.duplicates.confirm', {
          candidates: outcome.candidates.map(candidateJson),
        });
      }
      await ctx.audit({ action: 'person.create', entity: 'person', entityId: outcome.person.id });
      return { json: { ...toJson(outcome.person), warnings: await warningsOf(ctx, input) }, status: 201 };
    },
  );
  const registryOutput = z
    .object({
      status: z.enum(['not-configured', 'unreachable', 'not-found', 'found']),
      reference: z.string().nullable().describe("The register's reference of its answer"),
      person: z.record(z.string(), z.unknown()).nullable().describe('The resident as the register knows them'),
      differences: z
        .array(
          z.object({ field: z.enum(COMPARED_FIELDS), stored: z.string().nullable(), registry: z.string().nullable(), same: z.boolean() }),
        )
        .describe('The stored person beside the register, field by field (a check of a stored person)'),
    })
    .meta({ id: 'RegistryAnswer' });
  r.get(
    'api.registry.lookup',
    '/api/v1/registry-lookup',
    {
      permission: 'core.people.edit',
      query: registryLookupQuery,
      response: registryOutput,
      summary: "Look a codice fiscale up in the organization's population register (with a purpose, audited)",
    },
    async (ctx) => {
      const q = ctx.query as { lookup?: string; purpose?: string };
      if (!q.lookup || !q.purpose)
        throw HttpError.invalid([
          {
            field: q.lookup ? 'purpose' : 'lookup',
            message: ctx.t(`core:people.registry.errors.${q.lookup ? 'purpose' : 'codiceFiscale'}`),
          },
        ]);
      const answer = await lookUp(ctx, q.lookup, q.purpose);
      const found = answer.status === 'found' ? answer.person : null;
      return { json: { status: answer.status, reference: found?.reference ?? null, person: found ? { ...found } : null, differences: [] } };
    },
  );
  r.post(
    'api.people.registry-check',
    '/api/v1/people/:id/registry-check',
    {
      permission: 'core.people.edit',
      body: registryCheckInput,
      response: registryOutput,
      summary: 'Check a person against the population register',
    },
    async (ctx) => {
      const person = await visiblePerson(ctx, ctx.params.id);
      if (!person.codiceFiscale) throw HttpError.conflict('core:people.registry.errors.noCodiceFiscale');
      const answer = await lookUp(ctx, person.codiceFiscale, (ctx.body as { purpose: string }).purpose, person.id);
      const found = answer.status === 'found' ? answer.person : null;
      return {
        json: {
          status: answer.status,
          reference: found?.reference ?? null,
          person: found ? { ...found } : null,
          differences: found ? compareWithRegistry(person, found) : [],
        },
      };
    },
  );
  r.get(
    'api.people.show',
    '/api/v1/people/:id',
    { permission: 'core.people.view', response: personOutput, summary: 'Read a person' },
    async (ctx) => {
      const person = await visiblePerson(ctx, ctx.params.id);
      await ctx.audit({ action: 'person.read', entity: 'person', entityId: person.id });
      return { json: toJson(person) };
    },
  );
  r.put(
    'api.people.update',
    '/api/v1/people/:id',
    {
      permission: 'core.people.edit',
      body: personUpdateInput,
      response: personSavedOutput,
      summary: 'Edit a person (409 when the version is stale; `warnings` lists what to check, which did not stop saving)',
    },
    async (ctx) => {
      const person = await visiblePerson(ctx, ctx.params.id);
      if (person.mergedInto) throw HttpError.conflict('core:people.merged', { mergedInto: person.mergedInto });
      const input = ctx.body as z.output<typeof personUpdateInput>;
      const outcome = await people.update(ctx.em, person, input, actor(ctx));
      if (outcome.kind === 'conflict') {
        throw HttpError.conflict('core:people.conflict.detail', { version: outcome.person.version, changes: outcome.changes });
      }
      if (outcome.kind === 'blocked')
        throw HttpError.conflict('core:people.duplicates.blocked', { candidates: outcome.candidates.map(candidateJson) });
      if (outcome.fields.length) {
        await ctx.audit({ action: 'person.update', entity: 'person', entityId: person.id, details: { fields: outcome.fields.join(',') } });
      }
      return { json: { ...toJson(outcome.person), warnings: await warningsOf(ctx, input) } };
    },
  );
  r.get(
    'api.people.households',
    '/api/v1/people/:id/households',
    { permission: 'core.people.view', query: asOfQuery, summary: "A person's households as of a date (default today)" },
    async (ctx) => {
      const person = await visiblePerson(ctx, ctx.params.id);
      const asOf = (ctx.query as z.output<typeof asOfQuery>).asOf ?? localToday();
      await ctx.audit({ action: 'household.read', entity: 'person', entityId: person.id });
      return { json: { asOf, households: await households.ofPerson(ctx.em, person.id, asOf) } };
    },
  );
  r.post(
    'api.households.create',
    '/api/v1/households',
    { permission: 'core.people.edit', body: householdCreateInput, summary: 'Open a household with its first member' },
    async (ctx) => {
      const input = ctx.body as z.output<typeof householdCreateInput>;
      const household = await openHousehold(ctx, input);
      return { json: await households.view(ctx.em, household.id, input.validFrom ?? localToday()), status: 201 };
    },
  );
  r.get(
    'api.households.show',
    '/api/v1/households/:id',
    { permission: 'core.people.view', query: asOfQuery, summary: 'A household and its members as of a date (default today)' },
    async (ctx) => {
      const asOf = (ctx.query as z.output<typeof asOfQuery>).asOf ?? localToday();
      const view = await households.view(ctx.em, ctx.params.id ?? '', asOf);
      if (!view) throw HttpError.notFound();
      await ctx.audit({ action: 'household.read', entity: 'household', entityId: view.id });
      return { json: { asOf, ...view, history: await households.history(ctx.em, view.id) } };
    },
  );
  r.post(
    'api.households.member.add',
    '/api/v1/households/:id/members',
    { permission: 'core.people.edit', body: memberAddInput, summary: 'Add a member from a date (409 when the version is stale)' },
    async (ctx) => {
      const input = ctx.body as z.output<typeof memberAddInput>;
      const household = await addMember(ctx, ctx.params.id, input);
      return { json: await households.view(ctx.em, household.id, input.validFrom ?? localToday()), status: 201 };
    },
  );
  r.post(
    'api.households.member.end',
    '/api/v1/households/:id/members/:memberId/end',
    { permission: 'core.people.edit', body: memberEndInput, summary: 'End a membership on a date' },
    async (ctx) => {
      const household = await endMember(ctx, ctx.params.id, ctx.params.memberId, ctx.body as z.output<typeof memberEndInput>);
      return { json: await households.view(ctx.em, household.id, localToday()) };
    },
  );
  r.get(
    'api.people.duplicates',
    '/api/v1/people-duplicates',
    { permission: 'core.people.merge', summary: 'Suspected duplicates among the people the organization sees' },
    async (ctx) => {
      const pairs = await merges.queue(ctx.em);
      await ctx.audit({ action: 'person.duplicates', entity: 'person', details: { pairs: pairs.length } });
      return { json: { items: pairs } };
    },
  );
  r.post(
    'api.people.merge',
    '/api/v1/people-merges',
    { permission: 'core.people.merge', body: mergeInput, summary: 'Merge a duplicate into the surviving person' },
    async (ctx) => {
      const input = ctx.body as z.output<typeof mergeInput>;
      const id = await mergePeople(ctx, input.survivorId, input.mergedId);
      return { json: { id, survivorId: input.survivorId, mergedId: input.mergedId }, status: 201 };
    },
  );
  r.post(
    'api.people.merge.undo',
    '/api/v1/people-merges/:id/undo',
    { permission: 'core.people.merge-undo', summary: 'Undo a merge' },
    async (ctx) => {
      await undoMerge(ctx, ctx.params.id ?? '');
      return { json: { id: ctx.params.id, undone: true } };
    },
  );
  r.post(
    'api.people.share',
    '/api/v1/people/:id/shares',
    {
      permission: 'core.people.share',
      body: shareInput,
      summary: "Share a person's record with another organization, for a purpose, until a date",
    },
    async (ctx) => {
      const person = await visiblePerson(ctx, ctx.params.id);
      const input = ctx.body as z.output<typeof shareInput>;
      const id = await shareRecord(ctx, person, input);
      return { json: { id }, status: 201 };
    },
  );
  r.get(
    'api.people.shares',
    '/api/v1/people/:id/shares',
    {
      permission: 'core.people.view',
      response: z.object({ items: z.array(shareOutput) }),
      summary: "A person's shares with other organizations, active, expired and revoked, newest first",
    },
    async (ctx) => {
      const person = await visiblePerson(ctx, ctx.params.id);
      // Which organizations hold a record, and why, is part of the record.
      await ctx.audit({ action: 'person.read', entity: 'person', entityId: person.id, details: { part: 'shares' } });
      return { json: { items: (await shares.of(ctx.em, person.id)).map(shareJson) } };
    },
  );
  r.post(
    'api.people.share.revoke',
    '/api/v1/people/:id/shares/:shareId/revoke',
    {
      permission: 'core.people.share',
      response: shareOutput,
      summary: 'Revoke a share now (the granting side only; 409 if revoked already); it stays listed, as revoked',
    },
    async (ctx) => {
      const person = await visiblePerson(ctx, ctx.params.id);
      return { json: shareJson(await revokeShare(ctx, person, ctx.params.shareId)) };
    },
  );
}
