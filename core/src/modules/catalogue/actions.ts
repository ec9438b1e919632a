// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RouteContext } from '../../sdk/routes';
import { HttpError, type FieldError } from '../../sdk/errors';
import type { CatalogueEntry, Requirement } from '../../sdk/extension-points/catalogue';
import { IseePort, type IseeRetrieval } from '../../sdk/extension-points/ports';
import type { Person } from '../people/entities';
import { actor, visiblePerson } from '../people/actions';
import { findEntry } from './catalogue';
import type { DisabilityRecord } from './disability';
import { checkEligibility, rulesOf } from './eligibility';
import { currentHouseholds } from './households';
import { defaultExpiry, type IseeRecord } from './isee';
import type { SaveOutcome } from './offers';
import type { DisabilityInput, IseeInput, OfferInput } from './schemas';
import { disabilityRecords, iseeRecords, offers } from './services';
import { localToday } from '../../sdk/local-time';

/**
 * The module's operations as routes perform them, shared by the pages and the API: checks of
 * visibility and input, the service call, and the audit entry, so both answer alike.
 */

/** A catalogue entry the organization sees, or 404. */
export function visibleEntry(ctx: RouteContext, code: string | undefined): CatalogueEntry {
  const entry = findEntry(ctx, code);
  if (!entry) throw HttpError.notFound();
  return entry;
}

/** A requirement's problem: which one (by position and rule), which parameter ('' the parameters as a whole, null the rule itself), and why. */
export interface RequirementError {
  readonly index: number;
  readonly rule: string;
  readonly field: string | null;
  readonly message: string;
}

/**
 * Requirements as an offer stores them: each names a rule the organization has, once, with parameters
 * its schema accepts, kept as the schema outputs them.
 */
export function readRequirements(
  ctx: RouteContext,
  input: readonly { rule: string; params?: Record<string, unknown> }[],
): { requirements: Requirement[]; errors: RequirementError[] } {
  const rules = rulesOf(ctx);
  const requirements: Requirement[] = [];
  const errors: RequirementError[] = [];
  input.forEach((item, index) => {
    const rule = rules.find((r) => r.id === item.rule);
    if (!rule) return errors.push({ index, rule: item.rule, field: null, message: ctx.t('core:catalogue.errors.unknownRule') });
    if (input.findIndex((other) => other.rule === item.rule) !== index) {
      return errors.push({ index, rule: item.rule, field: null, message: ctx.t('core:catalogue.errors.duplicateRule') });
    }
    const parsed = ctx.validate(rule.params, item.params ?? {});
    if (!parsed.ok) {
      for (const e of parsed.errors) errors.push({ index, rule: rule.id, field: e.field === '_' ? '' : e.field, message: e.message });
      return;
    }
    requirements.push({ rule: rule.id, params: parsed.data as Record<string, unknown> });
  });
  return { requirements, errors };
}

/**
 * Saves the offer of the organization acted in, or of one in its scope (an ambito for its comuni).
 * Another organization's is not found. Requirement errors are the caller's to show (form or API).
 */
export async function saveOffer(
  ctx: RouteContext,
  entry: CatalogueEntry,
  input: Omit<OfferInput, 'requirements'>,
  requirements: readonly Requirement[] | null,
): Promise<SaveOutcome> {
  const me = actor(ctx);
  const organizationId = input.organizationId ?? me.orgId;
  if (!(await offers.inScope(ctx.em, organizationId))) throw HttpError.notFound();
  const outcome = await offers.save(
    ctx.em,
    organizationId,
    entry.code,
    {
      active: input.active,
      unitCost: input.unitCost ?? null,
      yearlyBudget: input.yearlyBudget ?? null,
      capacity: input.capacity ?? null,
      requirements,
    },
    input.version,
    me,
  );
  if (outcome.kind === 'saved') {
    await ctx.audit({
      action: 'offer.update',
      entity: 'service-offer',
      entityId: outcome.offer.id,
      details: { entry: entry.code, organization: outcome.offer.organization.code, requirements: requirements?.length ?? null },
    });
  }
  return outcome;
}

/** The person's ISEE attestations and those of their current nuclei, and the nuclei; audited as a read. */
export async function iseeOf(ctx: RouteContext, person: Person, on = localToday()) {
  const nuclei = await currentHouseholds(ctx.em, person.id, on);
  const records = await iseeRecords.of(
    ctx.em,
    person.id,
    nuclei.map((h) => h.id),
  );
  await ctx.audit({ action: 'isee.read', entity: 'person', entityId: person.id, details: { records: records.length } });
  return { records, nuclei };
}

/** Records an attestation entered by hand, for the person and, if named, one of their current nuclei. */
export async function addIsee(ctx: RouteContext, person: Person, input: IseeInput): Promise<IseeRecord> {
  if (person.mergedInto) throw HttpError.conflict('core:people.merged');
  if (input.householdId) {
    const nuclei = await currentHouseholds(ctx.em, person.id, localToday());
    if (!nuclei.some((h) => h.id === input.householdId)) {
      throw HttpError.invalid([{ field: 'householdId', message: ctx.t('core:isee.errors.household') }]);
    }
  }
  const record = await iseeRecords.create(
    ctx.em,
    person.id,
    {
      type: input.type,
      value: input.value,
      ise: input.ise ?? null,
      scale: input.scale ?? null,
      protocol: input.protocol,
      issuedOn: input.issuedOn,
      expiresOn: input.expiresOn ?? defaultExpiry(input.type, input.issuedOn),
      householdId: input.householdId ?? null,
    },
    'manual',
    actor(ctx),
  );
  if (!record) throw HttpError.conflict('core:isee.errors.duplicate');
  await ctx.audit({ action: 'isee.create', entity: 'person', entityId: person.id, details: { type: record.type, source: 'manual' } });
  return record;
}

/** The person's disability certifications; audited as a read. */
export async function disabilityOf(ctx: RouteContext, person: Person): Promise<DisabilityRecord[]> {
  const records = await disabilityRecords.of(ctx.em, person.id);
  await ctx.audit({ action: 'disability.read', entity: 'person', entityId: person.id, details: { records: records.length } });
  return records;
}

export async function addDisability(ctx: RouteContext, person: Person, input: DisabilityInput): Promise<DisabilityRecord> {
  if (person.mergedInto) throw HttpError.conflict('core:people.merged');
  const record = await disabilityRecords.create(
    ctx.em,
    person.id,
    {
      invalidityPercent: input.invalidityPercent ?? null,
      law104: input.law104 ?? null,
      accompaniment: input.accompaniment,
      certifiedOn: input.certifiedOn,
      expiresOn: input.expiresOn ?? null,
    },
    actor(ctx),
  );
  await ctx.audit({ action: 'disability.create', entity: 'person', entityId: person.id });
  return record;
}

export type RetrievalOutcome =
  | { readonly status: 'found'; readonly added: readonly IseeRecord[]; readonly known: number; readonly message: string }
  | { readonly status: 'not-found' | 'not-configured' | 'no-codice-fiscale'; readonly message: string };

/**
 * Asks INPS (through the organization's ISEE adapter) for the person's attestations valid today, for the
 * service applied for, and records the new ones against the person and their current nucleo. The call
 * is audited with its purpose whatever it finds, as the PDND agreements require.
 */
export async function retrieveIsee(ctx: RouteContext, person: Person, service: string | undefined): Promise<RetrievalOutcome> {
  if (person.mergedInto) throw HttpError.conflict('core:people.merged');
  if (!person.codiceFiscale) return { status: 'no-codice-fiscale', message: ctx.t('core:isee.retrieve.noCodiceFiscale') };
  const entry = service ? visibleEntry(ctx, service) : null;
  const adapter = ctx.extensions.port(IseePort);
  const purpose = entry ? `eligibility check for ${entry.code}` : 'eligibility check';
  const result: IseeRetrieval = await adapter.retrieve(
    { codiceFiscale: person.codiceFiscale, on: localToday(), prestazione: entry?.inpsCode ?? null, purpose },
    ctx,
  );
  const added: IseeRecord[] = [];
  let known = 0;
  if (result.status === 'found') {
    const nucleo = (await currentHouseholds(ctx.em, person.id, localToday()))[0]?.id ?? null;
    for (const a of result.attestations) {
      const record = await iseeRecords.create(
        ctx.em,
        person.id,
        {
          type: a.type,
          value: a.value,
          ise: a.ise,
          scale: a.scale,
          protocol: a.protocol,
          issuedOn: a.issuedOn,
          expiresOn: a.expiresOn,
          householdId: nucleo,
        },
        adapter.id,
        actor(ctx),
      );
      if (record) added.push(record);
      else known += 1;
    }
  }
  await ctx.audit({
    action: 'isee.retrieve',
    entity: 'person',
    entityId: person.id,
    purpose,
    details: { adapter: adapter.id, outcome: result.status, added: added.length },
  });
  if (result.status === 'found')
    return { status: 'found', added, known, message: ctx.t('core:isee.retrieve.found', { count: added.length, known }) };
  if (result.status === 'not-configured') return { status: 'not-configured', message: ctx.t(result.reasonKey) };
  return { status: 'not-found', message: ctx.t('core:isee.retrieve.notFound') };
}

/** Field errors of requirements, as the API names the fields (`requirements.0.params.max`). */
export function apiRequirementErrors(errors: readonly RequirementError[]): FieldError[] {
  return errors.map((e) => ({
    field:
      e.field === null
        ? `requirements.${e.index}.rule`
        : e.field
          ? `requirements.${e.index}.params.${e.field}`
          : `requirements.${e.index}.params`,
    message: e.message,
  }));
}

/** Checks a person against a service on a date (today if none) and audits the check: the page and the API alike. */
export async function eligibilityFor(ctx: RouteContext, personId: string | undefined, code: string, on: string | undefined) {
  const person = await visiblePerson(ctx, personId);
  const entry = visibleEntry(ctx, code);
  const check = await checkEligibility(ctx, person, entry, on ?? localToday());
  await ctx.audit({
    action: 'eligibility.check',
    entity: 'person',
    entityId: person.id,
    details: {
      service: entry.code,
      on: check.on,
      outcome: check.outcome,
      // Assessments are health and social data (GDPR art. 9): the record says which ones the check read.
      ...(check.assessments.length ? { assessments: check.assessments.join(',') } : {}),
    },
  });
  return { person, entry, check };
}
