// SPDX-License-Identifier: AGPL-3.0-or-later

/**
 * `AreaUtenza` of a prestazione (PS/PSA flow, required when `PresaCarico` is 1) from the area of the core
 * catalogue entry it was delivered under (core's `core.areas`, after ISTAT's survey of the comuni's social
 * services). SIUSS has three areas, those of the national social plans and their funds: 1 famiglia e minori
 * (Piano sociale nazionale, FNPS), 2 disabilità e non autosufficienza (Piano per la non autosufficienza, FNA),
 * 3 povertà ed esclusione sociale (Piano povertà). ISTAT's finer areas fold into them as below; an area that fits
 * none maps to null and the flow must take the area from elsewhere (the intervention) or report it missing.
 *
 * Every code of `core.areas` is listed, so that a new core area is a decision here rather than a silent gap
 * (test/data.test.ts compares the keys with the list the running core has).
 */

/** SIUSS's `AreaUtenzaType`. */
export type AreaUtenza = '1' | '2' | '3';

export const AREA_UTENZA_OF_CORE_AREA: Readonly<Record<string, AreaUtenza | null>> = {
  // The same area in both classifications.
  'famiglia-minori': '1',
  // Disability is half of area 2 by name.
  disabili: '2',
  // The comuni's services for older people (home care, day centres, residential care, care allowances) answer
  // loss of self-sufficiency: the other half of area 2, the one the SINA assessment describes.
  anziani: '2',
  // Poverty, adult distress and homelessness are area 3 by name.
  poverta: '3',
  // Immigrants, Roma, Sinti and Caminanti: the comuni's interventions (reception, mediation, inclusion) fight
  // social exclusion; a disability or a minor's need is recorded under its own area, not this one.
  immigrati: '3',
  // Addictions, as a social service of the comuni (as opposed to the SerD's health care): inclusion of adults in
  // distress, which is area 3 (ISTAT groups it with "disagio adulti" in its reports).
  dipendenze: '3',
  // Social services for people with mental illness (inserimenti, support at home, residential places) are given
  // for a psychiatric disability: area 2.
  'salute-mentale': '2',
  // Services for every kind of user (segretariato sociale, pronto intervento): no single area; the prestazione
  // itself must say which it served.
  multiutenza: null,
};

const AREAS = new Map(Object.entries(AREA_UTENZA_OF_CORE_AREA));

/** The SIUSS `AreaUtenza` of a core area, or undefined when none fits (or the area is unknown). */
export function areaUtenzaOf(coreArea: string): AreaUtenza | undefined {
  return AREAS.get(coreArea) ?? undefined;
}
