// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EligibilityFacts } from '../../sdk/extension-points/eligibility';
import type { Person } from '../people/entities';
import { placeLabel, placesByCode } from '../people/places';
import { currentHouseholds } from './households';
import { validOn } from './isee';
import { disabilityRecords, iseeRecords } from './services';

/** The territory of an organization: its name, and the comuni of its subtree (their cadastral codes and names). */
export async function territoryOf(em: EntityManager, organizationId: string): Promise<EligibilityFacts['territory']> {
  const rows = await em.execute<{ name: string; code: string | null; comune: string | null }[]>(
    `with recursive down(id) as (
       select id from core.organization where id = ?
       union all
       select o.id from core.organization o join down on o.parent_id = down.id
     )
     select (select name from core.organization where id = ?) as name, o.belfiore_code as code, m.name as comune
     from down join core.organization o on o.id = down.id left join core.municipality m on m.belfiore_code = o.belfiore_code
     where o.belfiore_code is not null
     union all select (select name from core.organization where id = ?), null, null
     order by code nulls last`,
    [organizationId, organizationId, organizationId],
  );
  return {
    organization: rows[0]?.name ?? '',
    comuni: rows.flatMap((r) => (r.code ? [{ code: r.code, name: r.comune ?? r.code }] : [])),
  };
}

/**
 * What the rules look at, gathered once per check: the person, their current household, the ISEE
 * attestations of either, the disability certifications, and the territory of the organization whose
 * offer applies. Everything is read within the request's scope, under row-level security.
 */
export async function gatherFacts(em: EntityManager, person: Person, on: string, territoryOrgId: string): Promise<EligibilityFacts> {
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
    isee: attestations.map((r) => ({
      type: r.type,
      value: r.value,
      ise: r.ise,
      scale: r.scale,
      protocol: r.protocol,
      issuedOn: r.issuedOn,
      expiresOn: r.expiresOn,
      valid: validOn(r, on),
    })),
    disability: certifications.map((d) => ({
      invalidityPercent: d.invalidityPercent,
      law104: d.law104,
      accompaniment: d.accompaniment,
      certifiedOn: d.certifiedOn,
      expiresOn: d.expiresOn,
      valid: validOn({ issuedOn: d.certifiedOn, expiresOn: d.expiresOn }, on),
    })),
    territory: await territoryOf(em, territoryOrgId),
  };
}
