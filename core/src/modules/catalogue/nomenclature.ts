// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CatalogueEntry, CatalogueUnit, MacroArea } from '../../sdk/extension-points/catalogue';

/**
 * The national base of the catalogue: the INPS table of prestazioni sociali agevolate, the codes SIUSS
 * (Casellario dell'assistenza) receives for every benefit a comune grants.
 *
 * Source: INPS, "tabella dei codici delle prestazioni" of the SIUSS web application, as reproduced in
 * the OpenMSP view `TIPO_PRESTAZIONE_DA_EROGARE` (the codes SISO's tests use too); see
 * docs/catalogue.md. Codes and Italian titles are INPS's (A1.08, A1.13 and A1.14 abbreviate their start
 * in that source and are completed from A1.07 and A1.12); the English titles are SIGeSS's translation.
 * The macro-area follows the code's first part (A1 money transfers, A2 services and reductions,
 * A3 structures). The area of need and the unit are SIGeSS's defaults for the usual case: INPS codes
 * carry neither, and an organization's offer says what it actually measures.
 *
 * The full SIUSS table (three-level codes such as A1.05.01, non-means-tested benefits) changes with
 * INPS's releases: regional plugins contribute their measures with these codes as `inpsCode`.
 */
interface NationalItem {
  readonly inps: string;
  readonly it: string;
  readonly en: string;
  readonly area: string;
  readonly unit: CatalogueUnit;
}

const MACRO_AREA_OF: Readonly<Record<string, MacroArea>> = {
  A1: 'trasferimenti-denaro',
  A2: 'interventi-servizi',
  A3: 'strutture',
};

const ITEMS: readonly NationalItem[] = [
  {
    inps: 'A1.01',
    it: 'Assegno per il nucleo familiare erogato dai comuni',
    en: 'Household allowance paid by the comuni',
    area: 'famiglia-minori',
    unit: 'euro',
  },
  {
    inps: 'A1.02',
    it: 'Assegno di maternità erogato dai Comuni',
    en: 'Maternity allowance paid by the comuni',
    area: 'famiglia-minori',
    unit: 'euro',
  },
  { inps: 'A1.03', it: 'Carta acquisti', en: 'Shopping card (carta acquisti)', area: 'poverta', unit: 'euro' },
  {
    inps: 'A1.04',
    it: 'Contributi economici a integrazione del reddito familiare',
    en: 'Grants supplementing household income',
    area: 'poverta',
    unit: 'euro',
  },
  { inps: 'A1.05', it: 'Contributi economici per alloggio', en: 'Housing grants', area: 'poverta', unit: 'euro' },
  { inps: 'A1.06', it: 'Buoni spesa o buoni pasto', en: 'Shopping or meal vouchers', area: 'poverta', unit: 'euro' },
  {
    inps: 'A1.07',
    it: 'Contributi e integrazioni a rette per asili nido',
    en: 'Grants and fee supplements for nurseries (asili nido)',
    area: 'famiglia-minori',
    unit: 'euro',
  },
  {
    inps: 'A1.08',
    it: 'Contributi e integrazioni a rette per servizi integrativi o innovativi per la prima infanzia',
    en: 'Grants and fee supplements for supplementary or innovative early-childhood services',
    area: 'famiglia-minori',
    unit: 'euro',
  },
  {
    inps: 'A1.09',
    it: 'Contributi economici per i servizi scolastici',
    en: 'Grants for school services',
    area: 'famiglia-minori',
    unit: 'euro',
  },
  {
    inps: 'A1.10',
    it: 'Contributi economici per cure o prestazioni sociali a rilevanza sanitaria',
    en: 'Grants for care or social services with a health component',
    area: 'multiutenza',
    unit: 'euro',
  },
  {
    inps: 'A1.11',
    it: "Assegnazioni economiche per il sostegno della domiciliarità e dell'autonomia personale",
    en: 'Payments supporting living at home and personal autonomy',
    area: 'anziani',
    unit: 'euro',
  },
  {
    inps: 'A1.12',
    it: 'Contributi e integrazioni a rette per accesso a centri diurni',
    en: 'Grants and fee supplements for day centres',
    area: 'multiutenza',
    unit: 'euro',
  },
  {
    inps: 'A1.13',
    it: 'Contributi e integrazioni a rette per accesso ai servizi semi-residenziali',
    en: 'Grants and fee supplements for semi-residential services',
    area: 'multiutenza',
    unit: 'euro',
  },
  {
    inps: 'A1.14',
    it: 'Contributi e integrazioni a rette per accesso a servizi residenziali',
    en: 'Grants and fee supplements for residential services',
    area: 'multiutenza',
    unit: 'euro',
  },
  { inps: 'A1.15', it: 'Contributi per servizi alla persona', en: 'Grants for personal services', area: 'multiutenza', unit: 'euro' },
  {
    inps: 'A1.16',
    it: 'Contributi economici per servizio trasporto e mobilità',
    en: 'Grants for transport and mobility',
    area: 'multiutenza',
    unit: 'euro',
  },
  {
    inps: 'A1.17',
    it: "Contributi economici erogati a titolo di prestito/prestiti d'onore",
    en: 'Grants paid as loans (prestiti d’onore)',
    area: 'poverta',
    unit: 'euro',
  },
  {
    inps: 'A1.18',
    it: "Contributi economici per l'inserimento lavorativo",
    en: 'Grants for job placement',
    area: 'poverta',
    unit: 'euro',
  },
  { inps: 'A1.19', it: 'Borse di studio', en: 'Study grants', area: 'famiglia-minori', unit: 'euro' },
  { inps: 'A1.20', it: 'Buono vacanze', en: 'Holiday voucher', area: 'famiglia-minori', unit: 'euro' },
  { inps: 'A2.01', it: 'Mensa sociale', en: 'Social canteen', area: 'poverta', unit: 'meals' },
  {
    inps: 'A2.02',
    it: 'Sostegno socio-educativo territoriale o domiciliare',
    en: 'Socio-educational support in the community or at home',
    area: 'famiglia-minori',
    unit: 'hours',
  },
  {
    inps: 'A2.03',
    it: 'Prestazioni del diritto allo studio universitario',
    en: 'University right-to-study benefits',
    area: 'multiutenza',
    unit: 'euro',
  },
  { inps: 'A2.04', it: 'Agevolazioni per tasse universitarie', en: 'University fee reductions', area: 'multiutenza', unit: 'euro' },
  {
    inps: 'A2.05',
    it: 'Agevolazioni per i servizi di pubblica utilità (telefono, luce, gas)',
    en: 'Reductions on utilities (telephone, electricity, gas)',
    area: 'poverta',
    unit: 'euro',
  },
  {
    inps: 'A2.06',
    it: 'Agevolazioni tributarie comunali (nettezza urbana, ecc.)',
    en: 'Municipal tax reductions (waste collection, etc.)',
    area: 'poverta',
    unit: 'euro',
  },
  {
    inps: 'A2.07',
    it: 'Assistenza domiciliare socio-assistenziale',
    en: 'Home care (socio-assistenziale)',
    area: 'anziani',
    unit: 'hours',
  },
  {
    inps: 'A2.08',
    it: 'ADI – Assistenza domiciliare integrata con servizi sanitari',
    en: 'ADI – Home care integrated with health services',
    area: 'anziani',
    unit: 'accesses',
  },
  { inps: 'A2.09', it: "Supporto all'inserimento lavorativo", en: 'Job placement support', area: 'poverta', unit: 'hours' },
  {
    inps: 'A2.10',
    it: 'Servizi integrativi per la prima infanzia',
    en: 'Supplementary early-childhood services',
    area: 'famiglia-minori',
    unit: 'days',
  },
  { inps: 'A2.11', it: 'Sostegno socio-educativo scolastico', en: 'Socio-educational support at school', area: 'disabili', unit: 'hours' },
  { inps: 'A2.12', it: 'Mensa scolastica', en: 'School canteen', area: 'famiglia-minori', unit: 'meals' },
  { inps: 'A3.01', it: 'Strutture semiresidenziali', en: 'Semi-residential structures', area: 'multiutenza', unit: 'days' },
  { inps: 'A3.02', it: 'Strutture residenziali', en: 'Residential structures', area: 'multiutenza', unit: 'days' },
  { inps: 'A3.03', it: 'Asilo nido', en: 'Nursery (asilo nido)', area: 'famiglia-minori', unit: 'months' },
  { inps: 'Z9.99', it: 'Altro', en: 'Other', area: 'multiutenza', unit: 'accesses' },
];

/** The catalogue code of a national entry: `core.A2.07`. */
export const nationalCode = (inps: string): string => `core.${inps}`;

/**
 * Core's catalogue entries, one per INPS code. No default requirements: these are kinds of benefit,
 * and each organization's offer sets its own thresholds (regional measures bring theirs).
 */
export const NATIONAL_ENTRIES: readonly CatalogueEntry[] = ITEMS.map((item) => {
  const macroArea = MACRO_AREA_OF[item.inps.slice(0, 2)];
  return {
    code: nationalCode(item.inps),
    label: { it: item.it, en: item.en },
    area: item.area,
    unit: item.unit,
    inpsCode: item.inps,
    ...(macroArea ? { macroArea } : {}),
  };
});
