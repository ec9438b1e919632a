// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AssessmentFact, EligibilityFacts, TerritoryLevel } from '../../sdk/extension-points/eligibility';
import { assessments, type AssessmentAccess } from '../forms/actions';
import type { Person } from '../people/entities';
import { placeLabel, placesByCode } from '../people/places';
import { currentHouseholds } from './households';
import { validOn } from './isee';
import { disabilityRecords, iseeRecords } from './services';

/**
 * The territory of an organization: its name, kind and code, the comuni of its subtree, and its ancestors up to
 * the root (nearest first), each with the comuni of its own subtree. One walk down from the root, carrying
 * each organization's path, tells every level which comuni lie under it.
 */
export async function territoryOf(em: EntityManager, organizationId: string): Promise<EligibilityFacts['territory']> {
  const rows = await em.execute<
    { depth: number; name: string; kind: string; code: string; comuneCode: string | null; comuneName: string | null }[]
  >(
    `with recursive up(id, depth) as (
       select id, 0 from core.organization where id = ?
       union all
       select o.parent_id, up.depth + 1 from up join core.organization o on o.id = up.id where o.parent_id is not null
     ),
     down(id, path) as (
       select id, array[id] from core.organization where id = (select id from up order by depth desc limit 1)
       union all
       select o.id, down.path || o.id from down join core.organization o on o.parent_id = down.id
     ),
     comuni(belfiore_code, path) as (
       select o.belfiore_code, down.path from down join core.organization o on o.id = down.id where o.belfiore_code is not null
     )
     select up.depth, o.name, o.kind, o.code, c.belfiore_code as "comuneCode", m.name as "comuneName"
     from up join core.organization o on o.id = up.id
     left join comuni c on up.id = any (c.path)
     left join core.municipality m on m.belfiore_code = c.belfiore_code
     order by up.depth, c.belfiore_code nulls last`,
    [organizationId],
  );
  const levels: (TerritoryLevel & { comuni: { code: string; name: string }[] })[] = [];
  for (const row of rows) {
    let level = levels[row.depth];
    if (!level) levels[row.depth] = level = { kind: row.kind, code: row.code, name: row.name, comuni: [] };
    if (row.comuneCode) level.comuni.push({ code: row.comuneCode, name: row.comuneName ?? row.comuneCode });
  }
  const [own, ...ancestors] = levels;
  return {
    organization: own?.name ?? '',
    kind: own?.kind ?? '',
    code: own?.code ?? '',
    comuni: own?.comuni ?? [],
    ancestors,
  };
}

/** The person's latest final assessment of each form the request may read, as the rules see them. */
async function assessmentFacts(em: EntityManager, personId: string, on: string, access: AssessmentAccess): Promise<AssessmentFact[]> {
  if (!access.reads) return [];
  const rows = await assessments.latestFinalOfPerson(em, personId, on, access.unreadableForms);
  return rows.map((a) => ({
    id: a.id,
    formId: a.formId,
    formVersion: a.formVersion,
    assessedOn: a.assessedOn,
    answers: a.answers,
    scores: Object.fromEntries(
      Object.entries(a.scores).map(([id, s]) => [id, { value: s.value, max: s.max, complete: s.complete, band: s.band }]),
    ),
  }));
}

type IseeRecord = Awaited<ReturnType<typeof iseeRecords.of>>[number];
type DisabilityRecord = Awaited<ReturnType<typeof disabilityRecords.of>>[number];

/** The ISEE attestations as the rules read them: each with whether it is in force on the day. */
export function iseeFacts(attestations: readonly IseeRecord[], on: string): EligibilityFacts['isee'] {
  return attestations.map((r) => ({
    type: r.type,
    value: r.value,
    ise: r.ise,
    scale: r.scale,
    protocol: r.protocol,
    issuedOn: r.issuedOn,
    expiresOn: r.expiresOn,
    valid: validOn(r, on),
  }));
}

/** The disability certifications as the rules read them: each with whether it is in force on the day. */
export function disabilityFacts(certifications: readonly DisabilityRecord[], on: string): EligibilityFacts['disability'] {
  return certifications.map((d) => ({
    invalidityPercent: d.invalidityPercent,
    law104: d.law104,
    accompaniment: d.accompaniment,
    certifiedOn: d.certifiedOn,
    expiresOn: d.expiresOn,
    valid: validOn({ issuedOn: d.certifiedOn, expiresOn: d.expiresOn }, on),
  }));
}

/**
 * What the rules look at, gathered once per check: the person, their current household, the ISEE
 * attestations of either, the disability certifications, the latest final assessments, and the territory of
 * the organization whose offer applies. Everything is read within the request's scope, under row-level
 * security; assessments also only of the forms the request may read (`access`).
 */
export async function gatherFacts(
  em: EntityManager,
  person: Person,
  on: string,
  territoryOrgId: string,
  access: AssessmentAccess,
): Promise<EligibilityFacts> {
  const nuclei = await currentHouseholds(em, person.id, on);
  const household = nuclei[0] ?? null;
  const comuneCode = person.residence?.noFixedAbode ? null : (person.residence?.comuneCode ?? null);
  const place = comuneCode ? (await placesByCode(em, [comuneCode])).get(comuneCode) : undefined;
  const attestations = await iseeRecords.of(
    em,
    person.id,
    nuclei.map((h) => h.id),
  );
  const certifications = await disabilityRecords.of(em, person.id);
  return {
    on,
    person: {
      id: person.id,
      birthDate: person.birthDate,
      deceasedDate: person.deceasedDate,
      residence: comuneCode ? { comuneCode, comuneName: place ? placeLabel(place) : comuneCode } : null,
      noFixedAbode: Boolean(person.residence?.noFixedAbode),
    },
    household: household
      ? { id: household.id, members: household.members.map((m) => ({ personId: m.personId, birthDate: m.birthDate })) }
      : null,
    isee: iseeFacts(attestations, on),
    disability: disabilityFacts(certifications, on),
    assessments: await assessmentFacts(em, person.id, on, access),
    unreadableForms: access.unreadableForms,
    territory: await territoryOf(em, territoryOrgId),
  };
}
