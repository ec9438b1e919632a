// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CodeList } from '@sigess/core/sdk';

/**
 * INPS's table of the prestazioni sociali agevolate (PSA), the codes of `CodicePrestazione` in both flows and of
 * `NecessitaInterventiSociali` in the SINA: A1 transfers in cash, A2 services and reductions, A3 facilities.
 *
 * This is the PSA subset SIGeSS knows from DOMAIN.md §5.5 (the same codes SISO's tests use), versioned as a code
 * list. It is NOT the whole SIUSS table: the full one (PS non agevolate, third-level codes) is downloaded from
 * INPS's SIUSS web application ("Informazioni → tabella dei codici delle prestazioni") and must be loaded as data,
 * each new edition a new `version` of `siuss.prestazioni` with `validTo` on the codes INPS retires.
 *
 * `DenominazionePrestazione` must have 10 to 200 characters (XSD): every denomination here does, which is why
 * Z9.99, plain "Altro" in the table, is spelt out.
 */

export const PRESTAZIONI_LIST_ID = 'siuss.prestazioni';

export interface PrestazioneCode {
  /** INPS's code, 5 to 10 characters (`A1.04`, `A1.05.01`). */
  readonly code: string;
  /** The denomination sent as `DenominazionePrestazione` (10–200 characters). */
  readonly denominazione: string;
  /** The same in English, for the English UI only. */
  readonly en: string;
}

export const PRESTAZIONI: readonly PrestazioneCode[] = [
  { code: 'A1.01', denominazione: 'Assegno per il nucleo familiare erogato dai comuni', en: 'Household allowance paid by the comuni' },
  { code: 'A1.02', denominazione: 'Assegno di maternità erogato dai Comuni', en: 'Maternity allowance paid by the comuni' },
  { code: 'A1.03', denominazione: 'Carta acquisti', en: 'Purchase card (carta acquisti)' },
  {
    code: 'A1.04',
    denominazione: 'Contributi economici a integrazione del reddito familiare',
    en: 'Cash benefits supplementing household income',
  },
  { code: 'A1.05', denominazione: 'Contributi economici per alloggio', en: 'Cash benefits for housing' },
  /*
   * A third-level SIUSS code that DOMAIN.md attests three times: as the XSD's example of `CodicePrestazione`
   * (§5.2), in SISO's pre-validation, where `A1.05.01` makes `DataEvento` "the day the contribution was actually
   * paid" (§5.2.4), and as "SIUSS sub-code A1.05.01 exists" under A1.05 (§5.5). Its denomination is not given
   * there: this one follows SISO's rule (the payment of the housing contribution) and is to be replaced by the
   * INPS table's wording when the table is loaded.
   */
  { code: 'A1.05.01', denominazione: 'Contributi economici per alloggio – erogazione', en: 'Cash benefits for housing – payment' },
  { code: 'A1.06', denominazione: 'Buoni spesa o buoni pasto', en: 'Shopping or meal vouchers' },
  { code: 'A1.07', denominazione: 'Contributi e integrazioni a rette per asili nido', en: 'Contributions to nursery (asilo nido) fees' },
  {
    code: 'A1.08',
    denominazione: 'Contributi e integrazioni a rette per servizi integrativi o innovativi per la prima infanzia',
    en: 'Contributions to the fees of supplementary or innovative early-childhood services',
  },
  { code: 'A1.09', denominazione: 'Contributi economici per i servizi scolastici', en: 'Cash benefits for school services' },
  {
    code: 'A1.10',
    denominazione: 'Contributi economici per cure o prestazioni sociali a rilevanza sanitaria',
    en: 'Cash benefits for care or social services with a health component',
  },
  {
    code: 'A1.11',
    denominazione: "Assegnazioni economiche per il sostegno della domiciliarità e dell'autonomia personale",
    en: 'Cash allowances supporting life at home and personal autonomy',
  },
  {
    code: 'A1.12',
    denominazione: 'Contributi e integrazioni a rette per accesso a centri diurni',
    en: 'Contributions to day-centre fees',
  },
  {
    code: 'A1.13',
    denominazione: 'Contributi e integrazioni a rette per accesso ai servizi semi-residenziali',
    en: 'Contributions to the fees of semi-residential services',
  },
  {
    code: 'A1.14',
    denominazione: 'Contributi e integrazioni a rette per accesso a servizi residenziali',
    en: 'Contributions to the fees of residential services',
  },
  { code: 'A1.15', denominazione: 'Contributi per servizi alla persona', en: 'Contributions for personal services' },
  {
    code: 'A1.16',
    denominazione: 'Contributi economici per servizio trasporto e mobilità',
    en: 'Cash benefits for transport and mobility',
  },
  {
    code: 'A1.17',
    denominazione: "Contributi economici erogati a titolo di prestito/prestiti d'onore",
    en: "Cash benefits granted as loans (prestiti d'onore)",
  },
  { code: 'A1.18', denominazione: "Contributi economici per l'inserimento lavorativo", en: 'Cash benefits for job placement' },
  { code: 'A1.19', denominazione: 'Borse di studio', en: 'Study grants' },
  { code: 'A1.20', denominazione: 'Buono vacanze', en: 'Holiday voucher' },
  { code: 'A2.01', denominazione: 'Mensa sociale', en: 'Social canteen' },
  {
    code: 'A2.02',
    denominazione: 'Sostegno socio-educativo territoriale o domiciliare',
    en: 'Socio-educational support in the community or at home',
  },
  {
    code: 'A2.03',
    denominazione: 'Prestazioni del diritto allo studio universitario',
    en: 'University right-to-study benefits',
  },
  { code: 'A2.04', denominazione: 'Agevolazioni per tasse universitarie', en: 'University fee reductions' },
  {
    code: 'A2.05',
    denominazione: 'Agevolazioni per i servizi di pubblica utilità (telefono, luce, gas)',
    en: 'Reductions on utilities (telephone, electricity, gas)',
  },
  {
    code: 'A2.06',
    denominazione: 'Agevolazioni tributarie comunali (nettezza urbana, ecc.)',
    en: 'Municipal tax reductions (waste collection, etc.)',
  },
  { code: 'A2.07', denominazione: 'Assistenza domiciliare socio-assistenziale', en: 'Social home care' },
  {
    code: 'A2.08',
    denominazione: 'ADI – Assistenza domiciliare integrata con servizi sanitari',
    en: 'ADI – home care integrated with health services',
  },
  { code: 'A2.09', denominazione: "Supporto all'inserimento lavorativo", en: 'Job placement support' },
  { code: 'A2.10', denominazione: 'Servizi integrativi per la prima infanzia', en: 'Supplementary early-childhood services' },
  { code: 'A2.11', denominazione: 'Sostegno socio-educativo scolastico', en: 'Socio-educational support at school' },
  { code: 'A2.12', denominazione: 'Mensa scolastica', en: 'School canteen' },
  { code: 'A3.01', denominazione: 'Strutture semiresidenziali', en: 'Semi-residential facilities' },
  { code: 'A3.02', denominazione: 'Strutture residenziali', en: 'Residential facilities' },
  { code: 'A3.03', denominazione: 'Asilo nido', en: 'Nursery (asilo nido)' },
  // "Altro" in the table: five characters, below the XSD's minimum of ten.
  { code: 'Z9.99', denominazione: 'Altro (prestazione non classificata)', en: 'Other (unclassified benefit)' },
];

/** The table as a code list: SINA's "interventi sociali necessari" choose from it. */
export const PRESTAZIONI_LIST: CodeList = {
  id: PRESTAZIONI_LIST_ID,
  version: 1,
  entries: PRESTAZIONI.map((p) => ({ code: p.code, label: { it: p.denominazione, en: p.en } })),
};

const BY_CODE = new Map(PRESTAZIONI.map((p) => [p.code, p.denominazione]));

/** The `DenominazionePrestazione` of an INPS code, or undefined for a code this table does not hold. */
export function denominazionePrestazione(code: string): string | undefined {
  return BY_CODE.get(code);
}
