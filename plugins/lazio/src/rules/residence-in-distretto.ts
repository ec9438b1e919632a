// SPDX-License-Identifier: AGPL-3.0-or-later
import { defineEligibilityRule, z, type EligibilityFacts, type EligibilityVerdict, type TerritoryLevel } from '@sigess/core/sdk';

const K = 'lazio:rules.residenceInDistretto';

/** The organization kind that stands for a distretto socio-sanitario in the tree. */
export const DISTRETTO = 'distretto';

/**
 * Where residence is checked: the nearest distretto socio-sanitario at or above the offering organization;
 * without one, the organization's own territory; for an organization with no comune of its own (a Municipio of
 * Roma Capitale, a desk), the nearest level above it that has comuni.
 */
export function distrettoOf(
  territory: EligibilityFacts['territory'],
): { level: TerritoryLevel; via: 'distretto' | 'own' | 'nearest' } | null {
  const own: TerritoryLevel = { kind: territory.kind, code: territory.code, name: territory.organization, comuni: territory.comuni };
  const levels = [own, ...territory.ancestors];
  const distretto = levels.find((l) => l.kind === DISTRETTO && l.comuni.length);
  if (distretto) return { level: distretto, via: 'distretto' };
  if (own.comuni.length) return { level: own, via: 'own' };
  const nearest = territory.ancestors.find((l) => l.comuni.length);
  return nearest ? { level: nearest, via: 'nearest' } : null;
}

/**
 * The person lives in a comune of the distretto socio-sanitario. Lazio's measures for non-self-sufficiency
 * (the assegno di cura among them) are planned and funded per distretto, so a resident of any of its comuni
 * qualifies, whichever comune of the distretto offers the measure; core's `core.residence` would accept only
 * the offering comune's own residents.
 */
export const residenceInDistretto = defineEligibilityRule({
  id: 'lazio.residence-in-distretto',
  titleKey: `${K}.title`,
  params: z.strictObject({}),
  fields: [],
  describe: () => ({ key: `${K}.describe` }),
  evaluate(facts, _params, format): EligibilityVerdict {
    const where = distrettoOf(facts.territory);
    if (!where) return { outcome: 'unknown', reason: { key: `${K}.noTerritory`, values: { organization: facts.territory.organization } } };
    const home = facts.person.residence;
    if (!home) return { outcome: 'unknown', reason: { key: facts.person.noFixedAbode ? `${K}.noFixedAbode` : `${K}.noResidence` } };
    const { level, via } = where;
    const used = { comuneCode: home.comuneCode, territory: level.code, territoryKind: level.kind };
    const values = { comune: home.comuneName, territory: level.name, organization: facts.territory.organization };
    return level.comuni.some((c) => c.code === home.comuneCode)
      ? { outcome: 'pass', reason: { key: `${K}.pass.${via}`, values }, used }
      : {
          outcome: 'fail',
          reason: {
            key: `${K}.fail.${via}`,
            values: {
              ...values,
              comuni: format.list(
                level.comuni.map((c) => c.name),
                'and',
              ),
            },
          },
          used,
        };
  },
});
