// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from 'zod';
import type { RouteContext, RouteRegistrar } from '../../sdk/routes';
import { HttpError } from '../../sdk/errors';
import { visiblePerson } from '../people/actions';
import { entries, entryName, filterEntries, viewOf } from './catalogue';
import {
  addDisability,
  addIsee,
  apiRequirementErrors,
  disabilityOf,
  eligibilityFor,
  iseeOf,
  readRequirements,
  retrieveIsee,
  saveOffer,
  visibleEntry,
} from './actions';
import { disabilityJson, eligibilityJson, entryJson, iseeJson, offerJson } from './json';
import {
  catalogueQuery,
  disabilityInput,
  disabilityOutput,
  eligibilityOutput,
  eligibilityQuery,
  entryOutput,
  iseeInput,
  iseeOutput,
  offerInput,
  offerOutput,
  offerQuery,
  retrieveInput,
  type CatalogueQuery,
  type DisabilityInput,
  type IseeInput,
  type OfferInput,
} from './schemas';
import { offers } from './services';
import { localToday } from '../../sdk/local-time';

/** The organization an offer request is about: one in the request's scope, or the one it acts in. */
async function offerOrganization(ctx: RouteContext, id: string | undefined): Promise<string> {
  if (id) {
    if (!(await offers.inScope(ctx.em, id))) throw HttpError.notFound();
    return id;
  }
  if (!ctx.org) throw HttpError.notFound();
  return ctx.org.id;
}

/** The catalogue's JSON API under /api/v1: the same services and schemas as the pages. */
export function registerCatalogueApi(r: RouteRegistrar): void {
  r.get(
    'api.catalogue',
    '/api/v1/catalogue',
    {
      permission: 'core.catalogue.view',
      query: catalogueQuery,
      response: z.object({ items: z.array(entryOutput.extend({ offered: z.boolean().nullable() })) }),
      summary: 'The service catalogue as the organization sees it, filtered by area, macro-area, words, or what it offers',
    },
    async (ctx) => {
      const q = ctx.query as CatalogueQuery;
      const applying = ctx.org ? await offers.effective(ctx.em, ctx.org.id) : new Map();
      const all = entries(ctx);
      const shown = filterEntries(
        all.map((e) => viewOf(ctx, e)),
        q,
      ).filter((v) => !q.offered || applying.get(v.code)?.active);
      const byCode = new Map(all.map((e) => [e.code, e]));
      return {
        json: {
          items: shown.map((v) => ({ ...entryJson(ctx, byCode.get(v.code)!), offered: applying.get(v.code)?.active ?? null })),
        },
      };
    },
  );
  r.get(
    'api.catalogue.show',
    '/api/v1/catalogue/:code',
    { permission: 'core.catalogue.view', response: entryOutput, summary: 'One catalogue entry, its requirements in words' },
    (ctx) => ({ json: entryJson(ctx, visibleEntry(ctx, ctx.params.code)) }),
  );
  r.get(
    'api.catalogue.offer',
    '/api/v1/catalogue/:code/offer',
    {
      permission: 'core.catalogue.view',
      query: offerQuery,
      response: z.object({ organization: z.uuid(), offer: offerOutput.nullable() }),
      summary: 'The offer applying to an organization (the one acted in, or one in its scope): its own or inherited; null if none',
    },
    async (ctx) => {
      const entry = visibleEntry(ctx, ctx.params.code);
      const id = await offerOrganization(ctx, (ctx.query as z.output<typeof offerQuery>).organizationId);
      const offer = (await offers.effective(ctx.em, id, entry.code)).get(entry.code);
      return { json: { organization: id, offer: offer ? offerJson(offer) : null } };
    },
  );
  r.put(
    'api.catalogue.offer.save',
    '/api/v1/catalogue/:code/offer',
    {
      permission: 'core.catalogue.offer',
      body: offerInput,
      response: offerOutput,
      summary: "Create or replace an organization's offer (its own, or one in its scope); 409 when the version is stale",
    },
    async (ctx) => {
      const entry = visibleEntry(ctx, ctx.params.code);
      const input = ctx.body as OfferInput;
      const read = input.requirements ? readRequirements(ctx, input.requirements) : { requirements: null, errors: [] };
      if (read.errors.length) throw HttpError.invalid(apiRequirementErrors(read.errors));
      const outcome = await saveOffer(ctx, entry, input, read.requirements);
      if (outcome.kind === 'stale') throw HttpError.conflict('core:catalogue.offer.stale', { version: outcome.current.version });
      return { json: offerJson(outcome.offer) };
    },
  );

  r.get(
    'api.people.isee',
    '/api/v1/people/:id/isee',
    {
      permission: 'core.isee.view',
      response: z.object({ items: z.array(iseeOutput), households: z.array(z.uuid()) }),
      summary: "A person's ISEE attestations and their current nuclei's, newest first",
    },
    async (ctx) => {
      const person = await visiblePerson(ctx, ctx.params.id);
      const { records, nuclei } = await iseeOf(ctx, person);
      return { json: { items: records.map((r) => iseeJson(r, localToday())), households: nuclei.map((h) => h.id) } };
    },
  );
  r.post(
    'api.people.isee.create',
    '/api/v1/people/:id/isee',
    {
      permission: 'core.isee.edit',
      body: iseeInput,
      response: iseeOutput,
      summary: 'Record an ISEE attestation by hand (409 when the organization holds it already)',
    },
    async (ctx) => {
      const person = await visiblePerson(ctx, ctx.params.id);
      const record = await addIsee(ctx, person, ctx.body as IseeInput);
      return { json: iseeJson(record, localToday()), status: 201 };
    },
  );
  r.post(
    'api.people.isee.retrieve',
    '/api/v1/people/:id/isee/retrieve',
    {
      permission: 'core.isee.edit',
      body: retrieveInput,
      response: z.object({
        status: z.enum(['found', 'not-found', 'not-configured', 'no-codice-fiscale']),
        message: z.string(),
        added: z.array(iseeOutput),
      }),
      summary: "Fetch the person's ISEE attestations from INPS through the organization's adapter; `not-configured` without one",
    },
    async (ctx) => {
      const person = await visiblePerson(ctx, ctx.params.id);
      const outcome = await retrieveIsee(ctx, person, (ctx.body as z.output<typeof retrieveInput>).service);
      return {
        json: {
          status: outcome.status,
          message: outcome.message,
          added: outcome.status === 'found' ? outcome.added.map((r) => iseeJson(r, localToday())) : [],
        },
      };
    },
  );
  r.get(
    'api.people.disability',
    '/api/v1/people/:id/disability',
    {
      permission: 'core.disability.view',
      response: z.object({ personId: z.uuid(), items: z.array(disabilityOutput) }),
      summary: "A person's invalidity and handicap certifications, newest first",
    },
    async (ctx) => {
      const person = await visiblePerson(ctx, ctx.params.id);
      const records = await disabilityOf(ctx, person);
      return { json: { personId: person.id, items: records.map((r) => disabilityJson(r, localToday())) } };
    },
  );
  r.post(
    'api.people.disability.create',
    '/api/v1/people/:id/disability',
    {
      permission: 'core.disability.edit',
      body: disabilityInput,
      response: disabilityOutput,
      summary: 'Record an invalidity or handicap certification',
    },
    async (ctx) => {
      const person = await visiblePerson(ctx, ctx.params.id);
      const record = await addDisability(ctx, person, ctx.body as DisabilityInput);
      return { json: disabilityJson(record, localToday()), status: 201 };
    },
  );
  r.get(
    'api.people.eligibility',
    '/api/v1/people/:id/eligibility',
    {
      permission: 'core.eligibility.check',
      query: eligibilityQuery,
      response: eligibilityOutput,
      summary: "Check a person against a service's requirements: pass, fail or unknown for each, with the reason in words",
    },
    async (ctx) => {
      const q = ctx.query as z.output<typeof eligibilityQuery>;
      const { person, entry, check } = await eligibilityFor(ctx, ctx.params.id, q.service, q.on);
      return { json: eligibilityJson(person, { code: entry.code, name: entryName(ctx, entry) }, check) };
    },
  );
}
