// SPDX-License-Identifier: AGPL-3.0-or-later
import type { z } from 'zod';
import type { RequestCtx } from '../../sdk/context';
import type { CatalogueEntry } from '../../sdk/extension-points/catalogue';
import type { Person } from '../people/entities';
import { viewOf } from './catalogue';
import type { DisabilityRecord } from './disability';
import { describeRequirement, rulesOf, type EligibilityCheck, type RequirementView } from './eligibility';
import { formatFor } from './format';
import { validOn, type IseeRecord } from './isee';
import type { EffectiveOffer, Offer } from './offers';
import type { disabilityOutput, eligibilityOutput, entryOutput, iseeOutput, offerOutput } from './schemas';

/** The API's documents, shaped by the response schemas in schemas.ts. */

const requirementJson = ({ rule, params, title, text }: RequirementView) => ({ rule, params, title, text });

export function entryJson(ctx: RequestCtx, entry: CatalogueEntry): z.input<typeof entryOutput> {
  const rules = rulesOf(ctx);
  const format = formatFor(ctx.locale);
  return {
    ...viewOf(ctx, entry),
    requirements: (entry.requirements ?? []).map((r) => requirementJson(describeRequirement(ctx, rules, r, format))),
  };
}

export function offerJson(offer: Offer | EffectiveOffer): z.input<typeof offerOutput> {
  return {
    id: offer.id,
    organization: offer.organization,
    inherited: 'inherited' in offer ? offer.inherited : false,
    entryCode: offer.entryCode,
    active: offer.active,
    unitCost: offer.unitCost,
    yearlyBudget: offer.yearlyBudget,
    capacity: offer.capacity,
    requirements: offer.requirements ? offer.requirements.map((r) => ({ rule: r.rule, params: { ...r.params } })) : null,
    version: offer.version,
  };
}

export function iseeJson(record: IseeRecord, on: string): z.input<typeof iseeOutput> {
  return { ...record, valid: validOn(record, on) };
}

export function disabilityJson(record: DisabilityRecord, on: string): z.input<typeof disabilityOutput> {
  return { ...record, valid: validOn({ issuedOn: record.certifiedOn, expiresOn: record.expiresOn }, on) };
}

export function eligibilityJson(
  person: Person,
  service: { code: string; name: string },
  check: EligibilityCheck,
): z.input<typeof eligibilityOutput> {
  return {
    personId: person.id,
    service,
    on: check.on,
    outcome: check.outcome,
    summary: check.summary,
    offer: check.offer
      ? { organization: check.offer.organization.name, inherited: check.offer.inherited, active: check.offer.active }
      : null,
    requirements: check.results.map((r) => ({ ...requirementJson(r), outcome: r.outcome, reason: r.reason, used: { ...r.used } })),
  };
}
