// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CodeList } from '../../sdk/extension-points/code-lists';

/**
 * Areas of need (aree di utenza), after the ISTAT survey of comuni's social services (Indagine sugli
 * interventi e servizi sociali dei comuni singoli o associati). `salute-mentale` is not one of ISTAT's
 * seven: SIGeSS keeps it for the regional nomenclatures that use it.
 */
export const AREAS: CodeList = {
  id: 'core.areas',
  version: 1,
  entries: [
    { code: 'famiglia-minori', label: { it: 'Famiglia e minori', en: 'Families and minors' } },
    { code: 'disabili', label: { it: 'Disabili', en: 'People with disabilities' } },
    { code: 'dipendenze', label: { it: 'Dipendenze', en: 'Addictions' } },
    { code: 'anziani', label: { it: 'Anziani', en: 'Older people' } },
    { code: 'immigrati', label: { it: 'Immigrati, Rom, Sinti e Caminanti', en: 'Immigrants, Roma, Sinti and Caminanti' } },
    { code: 'poverta', label: { it: 'Povertà, disagio adulti e senza dimora', en: 'Poverty, adult distress and homelessness' } },
    { code: 'salute-mentale', label: { it: 'Salute mentale', en: 'Mental health' } },
    { code: 'multiutenza', label: { it: 'Multiutenza', en: 'Multiple user groups' } },
  ],
};
