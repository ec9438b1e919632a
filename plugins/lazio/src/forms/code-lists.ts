// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CodeList } from '@sigess/core/sdk';

/**
 * The vocabularies SVAMA and SVAMDi choose from, where core's lists (living arrangements, income sources,
 * housing, adequacy) do not already say it. Answers hold the codes, so a regional flow can map them later;
 * a code that stops being offered gets a `validTo` rather than disappearing.
 */

/** SVAMA's judgement of the care the person's network gives: the "supporto della rete sociale". */
export const SUPPORT_NETWORK: CodeList = {
  id: 'lazio.support-network',
  version: 1,
  entries: [
    {
      code: 'ben-assistito',
      label: {
        it: 'Ben assistito/a: la rete assicura l’assistenza necessaria',
        en: 'Well supported: the network provides the care needed',
      },
    },
    {
      code: 'parzialmente-assistito',
      label: { it: 'Parzialmente assistito/a: assistenza parziale o discontinua', en: 'Partly supported: care is partial or intermittent' },
    },
    {
      code: 'non-assistito',
      label: { it: 'Non assistito/a: assistenza assente o insufficiente', en: 'Not supported: care is missing or insufficient' },
    },
  ],
};

/** The physician's overall judgement of the health care the person needs (low, medium, high). */
export const HEALTH_CARE_NEED: CodeList = {
  id: 'lazio.health-care-need',
  version: 1,
  entries: [
    { code: 'bassa', label: { it: 'Bassa', en: 'Low' } },
    { code: 'media', label: { it: 'Media', en: 'Medium' } },
    { code: 'elevata', label: { it: 'Elevata', en: 'High' } },
  ],
};

/** Nursing needs the UVMD records (SVAMA's nursing assessment, VIP): what the care plan must cover. */
export const NURSING_NEEDS: CodeList = {
  id: 'lazio.nursing-needs',
  version: 1,
  entries: [
    { code: 'diabete-insulina', label: { it: 'Diabete in terapia insulinica', en: 'Diabetes on insulin' } },
    { code: 'ossigenoterapia', label: { it: 'Ossigenoterapia', en: 'Oxygen therapy' } },
    { code: 'ventilazione', label: { it: 'Ventilazione assistita', en: 'Assisted ventilation' } },
    { code: 'tracheostomia', label: { it: 'Tracheostomia', en: 'Tracheostomy' } },
    {
      code: 'nutrizione-artificiale',
      label: { it: 'Nutrizione enterale o parenterale (SNG, PEG)', en: 'Enteral or parenteral nutrition (NG tube, PEG)' },
    },
    { code: 'catetere-vescicale', label: { it: 'Catetere vescicale', en: 'Urinary catheter' } },
    { code: 'stomia', label: { it: 'Stomia', en: 'Stoma' } },
    { code: 'lesioni-da-pressione', label: { it: 'Lesioni da pressione o ulcere', en: 'Pressure sores or ulcers' } },
    { code: 'terapia-infusionale', label: { it: 'Terapia endovenosa o infusionale', en: 'Intravenous or infusion therapy' } },
    { code: 'dialisi', label: { it: 'Dialisi', en: 'Dialysis' } },
    { code: 'dolore', label: { it: 'Dolore che richiede trattamento continuativo', en: 'Pain needing continuous treatment' } },
    { code: 'controlli-frequenti', label: { it: 'Prelievi o controlli clinici frequenti', en: 'Frequent blood tests or clinical checks' } },
  ],
};

/** How a person who does not walk moves in a wheelchair: recorded beside the Barthel mobility items. */
export const WHEELCHAIR_USE: CodeList = {
  id: 'lazio.wheelchair-use',
  version: 1,
  entries: [
    { code: 'autonomo', label: { it: 'Si sposta in carrozzina da solo/a', en: 'Moves in a wheelchair unaided' } },
    { code: 'con-aiuto', label: { it: 'In carrozzina con aiuto', en: 'In a wheelchair with help' } },
    { code: 'non-usa', label: { it: 'Non usa la carrozzina (allettato/a)', en: 'Does not use a wheelchair (bedridden)' } },
  ],
};

/** ICF's generic qualifier, as used for body functions: extent of the impairment, with 8 and 9. */
export const ICF_IMPAIRMENT: CodeList = {
  id: 'lazio.icf-impairment',
  version: 1,
  entries: [
    { code: '0', label: { it: '0 – Nessuna menomazione (0–4%)', en: '0 – No impairment (0–4%)' } },
    { code: '1', label: { it: '1 – Menomazione lieve (5–24%)', en: '1 – Mild impairment (5–24%)' } },
    { code: '2', label: { it: '2 – Menomazione media (25–49%)', en: '2 – Moderate impairment (25–49%)' } },
    { code: '3', label: { it: '3 – Menomazione grave (50–95%)', en: '3 – Severe impairment (50–95%)' } },
    { code: '4', label: { it: '4 – Menomazione completa (96–100%)', en: '4 – Complete impairment (96–100%)' } },
    { code: '8', label: { it: '8 – Non specificato', en: '8 – Not specified' } },
    { code: '9', label: { it: '9 – Non applicabile', en: '9 – Not applicable' } },
  ],
};

/** ICF's qualifier of environmental factors: a barrier (.1–.4) or a facilitator (+1–+4). */
export const ICF_ENVIRONMENT: CodeList = {
  id: 'lazio.icf-environment',
  version: 1,
  entries: [
    { code: 'barriera-4', label: { it: '.4 – Barriera completa', en: '.4 – Complete barrier' } },
    { code: 'barriera-3', label: { it: '.3 – Barriera grave', en: '.3 – Severe barrier' } },
    { code: 'barriera-2', label: { it: '.2 – Barriera media', en: '.2 – Moderate barrier' } },
    { code: 'barriera-1', label: { it: '.1 – Barriera lieve', en: '.1 – Mild barrier' } },
    { code: 'nessuno', label: { it: '0 – Né barriera né facilitatore', en: '0 – Neither barrier nor facilitator' } },
    { code: 'facilitatore-1', label: { it: '+1 – Facilitatore lieve', en: '+1 – Mild facilitator' } },
    { code: 'facilitatore-2', label: { it: '+2 – Facilitatore medio', en: '+2 – Moderate facilitator' } },
    { code: 'facilitatore-3', label: { it: '+3 – Facilitatore sostanziale', en: '+3 – Substantial facilitator' } },
    { code: 'facilitatore-4', label: { it: '+4 – Facilitatore completo', en: '+4 – Complete facilitator' } },
    { code: 'non-specificato', label: { it: '8 – Non specificato', en: '8 – Not specified' } },
  ],
};

export const DISABILITY_ORIGINS: CodeList = {
  id: 'lazio.disability-origins',
  version: 1,
  entries: [
    { code: 'congenita', label: { it: 'Congenita', en: 'Congenital' } },
    { code: 'perinatale', label: { it: 'Perinatale', en: 'Perinatal' } },
    { code: 'malattia', label: { it: 'Acquisita per malattia', en: 'Acquired through illness' } },
    { code: 'trauma', label: { it: 'Acquisita per trauma o incidente', en: 'Acquired through injury or accident' } },
    { code: 'non-nota', label: { it: 'Non nota', en: 'Unknown' } },
  ],
};

export const DISABILITY_TYPES: CodeList = {
  id: 'lazio.disability-types',
  version: 1,
  entries: [
    { code: 'motoria', label: { it: 'Motoria', en: 'Physical (motor)' } },
    { code: 'intellettiva', label: { it: 'Intellettiva', en: 'Intellectual' } },
    { code: 'autismo', label: { it: 'Disturbo dello spettro autistico', en: 'Autism spectrum disorder' } },
    { code: 'psichica', label: { it: 'Psichica', en: 'Psychosocial' } },
    { code: 'visiva', label: { it: 'Sensoriale: vista', en: 'Sensory: sight' } },
    { code: 'uditiva', label: { it: 'Sensoriale: udito', en: 'Sensory: hearing' } },
    { code: 'organica', label: { it: 'Organica (malattia cronica invalidante)', en: 'Organic (disabling chronic illness)' } },
  ],
};

/** What fills the person's day: school, training, work, a day centre. */
export const DAILY_ACTIVITIES: CodeList = {
  id: 'lazio.daily-activities',
  version: 1,
  entries: [
    { code: 'scuola', label: { it: 'Scuola', en: 'School' } },
    { code: 'formazione', label: { it: 'Formazione professionale o tirocinio', en: 'Vocational training or traineeship' } },
    { code: 'lavoro', label: { it: 'Lavoro (anche protetto)', en: 'Work (including sheltered work)' } },
    { code: 'centro-diurno', label: { it: 'Centro diurno', en: 'Day centre' } },
    { code: 'nessuna', label: { it: 'Nessuna attività strutturata', en: 'No structured activity' } },
    { code: 'altro', label: { it: 'Altro', en: 'Other' } },
  ],
};

export const UVMD_CODE_LISTS: readonly CodeList[] = [
  SUPPORT_NETWORK,
  HEALTH_CARE_NEED,
  NURSING_NEEDS,
  WHEELCHAIR_USE,
  ICF_IMPAIRMENT,
  ICF_ENVIRONMENT,
  DISABILITY_ORIGINS,
  DISABILITY_TYPES,
  DAILY_ACTIVITIES,
];
