// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CodeList } from '../../sdk/extension-points/code-lists';

/**
 * How a member relates to the household's reference person (intestatario).
 * Modelled on the registry's family sheet (scheda di famiglia); a regional
 * plugin may contribute a richer list under the same id.
 */
export const HOUSEHOLD_RELATIONS: CodeList = {
  id: 'core.household-relations',
  version: 1,
  entries: [
    { code: 'IS', label: { it: 'Intestatario della scheda', en: 'Reference person' } },
    { code: 'CG', label: { it: 'Coniuge', en: 'Spouse' } },
    { code: 'UC', label: { it: 'Unito civilmente', en: 'Civil partner' } },
    { code: 'CV', label: { it: 'Convivente', en: 'Cohabiting partner' } },
    { code: 'FG', label: { it: 'Figlio/figlia', en: 'Child' } },
    { code: 'GE', label: { it: 'Genitore', en: 'Parent' } },
    { code: 'NO', label: { it: 'Nonno/nonna', en: 'Grandparent' } },
    { code: 'NP', label: { it: 'Nipote', en: 'Grandchild, nephew or niece' } },
    { code: 'FR', label: { it: 'Fratello/sorella', en: 'Sibling' } },
    { code: 'AP', label: { it: 'Altro parente', en: 'Other relative' } },
    { code: 'NR', label: { it: 'Non parente', en: 'Not related' } },
  ],
};

/** The kinds of group a household record describes. */
export const HOUSEHOLD_KINDS: CodeList = {
  id: 'core.household-kinds',
  version: 1,
  entries: [
    { code: 'anagrafico', label: { it: 'Famiglia anagrafica', en: 'Registered family' } },
    { code: 'convivente', label: { it: 'Nucleo convivente', en: 'Cohabiting household' } },
    { code: 'altri-familiari', label: { it: 'Altri familiari', en: 'Other relatives' } },
    { code: 'rete-amicale', label: { it: 'Rete amicale', en: 'Network of friends' } },
  ],
};
