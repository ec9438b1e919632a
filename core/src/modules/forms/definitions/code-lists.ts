// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CodeList } from '../../../sdk/extension-points/code-lists';

/**
 * The vocabularies core's two forms choose from. Answers hold these codes, never the labels, so a
 * regional export can map them to national codes later; a code that stops being offered gets a `validTo`.
 */

export const TRIAGE_SOURCES: CodeList = {
  id: 'core.triage-sources',
  version: 1,
  entries: [
    { code: 'spontaneo', label: { it: 'Accesso spontaneo', en: 'Came on their own' } },
    { code: 'familiare', label: { it: 'Familiare o conoscente', en: 'Relative or acquaintance' } },
    { code: 'medico', label: { it: 'Medico di medicina generale o pediatra', en: 'General practitioner or paediatrician' } },
    { code: 'ospedale', label: { it: 'Ospedale (dimissione protetta)', en: 'Hospital (supported discharge)' } },
    { code: 'servizi-sanitari', label: { it: 'Altri servizi sanitari (ASL)', en: 'Other health services' } },
    { code: 'scuola', label: { it: 'Scuola', en: 'School' } },
    { code: 'terzo-settore', label: { it: 'Terzo settore, volontariato, parrocchia', en: 'Voluntary sector, charity, parish' } },
    { code: 'autorita-giudiziaria', label: { it: 'Autorità giudiziaria o forze dell’ordine', en: 'Courts or police' } },
    { code: 'altro-servizio', label: { it: 'Altro servizio sociale', en: 'Another social service' } },
  ],
};

export const TRIAGE_NEEDS: CodeList = {
  id: 'core.triage-needs',
  version: 1,
  entries: [
    { code: 'economico', label: { it: 'Economico', en: 'Income' } },
    { code: 'abitativo', label: { it: 'Abitativo', en: 'Housing' } },
    { code: 'lavoro', label: { it: 'Lavoro', en: 'Work' } },
    { code: 'cura-assistenza', label: { it: 'Cura e assistenza', en: 'Care and assistance' } },
    { code: 'salute', label: { it: 'Salute', en: 'Health' } },
    { code: 'rapporti-familiari', label: { it: 'Rapporti familiari', en: 'Family relationships' } },
    { code: 'minori-genitorialita', label: { it: 'Minori e genitorialità', en: 'Children and parenting' } },
    { code: 'violenza', label: { it: 'Violenza o maltrattamento', en: 'Violence or abuse' } },
    { code: 'dipendenze', label: { it: 'Dipendenze', en: 'Addiction' } },
    { code: 'immigrazione', label: { it: 'Immigrazione e documenti', en: 'Immigration and documents' } },
    { code: 'isolamento', label: { it: 'Solitudine e isolamento', en: 'Loneliness and isolation' } },
    { code: 'informazione', label: { it: 'Informazione e orientamento', en: 'Information and guidance' } },
  ],
};

export const LIVING_ARRANGEMENTS: CodeList = {
  id: 'core.living-arrangements',
  version: 1,
  entries: [
    { code: 'solo', label: { it: 'Vive solo/a', en: 'Lives alone' } },
    { code: 'coniuge', label: { it: 'Coniuge o partner', en: 'Spouse or partner' } },
    { code: 'figli', label: { it: 'Figli', en: 'Children' } },
    { code: 'genitori', label: { it: 'Genitori', en: 'Parents' } },
    { code: 'altri-parenti', label: { it: 'Altri parenti', en: 'Other relatives' } },
    { code: 'altri-conviventi', label: { it: 'Altre persone non parenti', en: 'Other people, not relatives' } },
    { code: 'assistente-familiare', label: { it: 'Assistente familiare (badante)', en: 'Live-in paid carer' } },
    { code: 'struttura', label: { it: 'In struttura residenziale', en: 'In a residential facility' } },
    { code: 'senza-dimora', label: { it: 'Senza dimora', en: 'Homeless' } },
  ],
};

export const URGENCY_LEVELS: CodeList = {
  id: 'core.urgency-levels',
  version: 1,
  entries: [
    { code: 'ordinaria', label: { it: 'Ordinaria', en: 'Routine' } },
    { code: 'prioritaria', label: { it: 'Prioritaria (entro 15 giorni)', en: 'Priority (within 15 days)' } },
    { code: 'urgente', label: { it: 'Urgente (entro 72 ore)', en: 'Urgent (within 72 hours)' } },
  ],
};

export const NETWORK_LEVELS: CodeList = {
  id: 'core.network-levels',
  version: 1,
  entries: [
    { code: 'adeguata', label: { it: 'Presente e adeguata', en: 'Present and adequate' } },
    { code: 'insufficiente', label: { it: 'Presente ma insufficiente', en: 'Present but insufficient' } },
    { code: 'conflittuale', label: { it: 'Presente ma conflittuale', en: 'Present but in conflict' } },
    { code: 'assente', label: { it: 'Assente', en: 'None' } },
  ],
};

export const INCOME_SOURCES: CodeList = {
  id: 'core.income-sources',
  version: 1,
  entries: [
    { code: 'lavoro-dipendente', label: { it: 'Lavoro dipendente', en: 'Employment' } },
    { code: 'lavoro-autonomo', label: { it: 'Lavoro autonomo', en: 'Self-employment' } },
    { code: 'pensione', label: { it: 'Pensione', en: 'Pension' } },
    { code: 'invalidita', label: { it: 'Pensione o indennità di invalidità', en: 'Disability pension or allowance' } },
    {
      code: 'misure-inclusione',
      label: {
        it: 'Assegno di inclusione o altre misure di contrasto alla povertà',
        en: 'Inclusion allowance or other anti-poverty measures',
      },
    },
    { code: 'assegno-unico', label: { it: 'Assegno unico per i figli', en: 'Child benefit' } },
    { code: 'sostegno-familiare', label: { it: 'Sostegno dei familiari', en: 'Support from relatives' } },
    { code: 'nessuno', label: { it: 'Nessun reddito', en: 'No income' } },
  ],
};

export const HOUSING_TYPES: CodeList = {
  id: 'core.housing-types',
  version: 1,
  entries: [
    { code: 'appartamento', label: { it: 'Appartamento', en: 'Flat' } },
    { code: 'casa-indipendente', label: { it: 'Casa indipendente', en: 'House' } },
    { code: 'struttura', label: { it: 'Struttura residenziale o comunità', en: 'Residential facility or community' } },
    { code: 'emergenza', label: { it: 'Alloggio di emergenza o dormitorio', en: 'Emergency accommodation or shelter' } },
    { code: 'precaria', label: { it: 'Sistemazione precaria (roulotte, baracca, auto)', en: 'Makeshift (caravan, shack, car)' } },
    { code: 'senza-dimora', label: { it: 'Senza dimora', en: 'Homeless' } },
  ],
};

export const HOUSING_TENURES: CodeList = {
  id: 'core.housing-tenures',
  version: 1,
  entries: [
    { code: 'proprieta', label: { it: 'Proprietà', en: 'Owned' } },
    { code: 'affitto', label: { it: 'Affitto sul mercato privato', en: 'Private rent' } },
    { code: 'erp', label: { it: 'Edilizia residenziale pubblica', en: 'Social housing' } },
    { code: 'comodato', label: { it: 'Comodato d’uso gratuito', en: 'Free loan of use' } },
    { code: 'ospite', label: { it: 'Ospite di parenti o conoscenti', en: 'Staying with relatives or friends' } },
    { code: 'occupazione', label: { it: 'Occupazione senza titolo', en: 'Without title' } },
  ],
};

export const ADEQUACY_LEVELS: CodeList = {
  id: 'core.adequacy-levels',
  version: 1,
  entries: [
    { code: 'adeguata', label: { it: 'Adeguata', en: 'Adequate' } },
    { code: 'parziale', label: { it: 'Parzialmente adeguata', en: 'Partly adequate' } },
    { code: 'inadeguata', label: { it: 'Inadeguata', en: 'Inadequate' } },
  ],
};

export const HOUSING_PROBLEMS: CodeList = {
  id: 'core.housing-problems',
  version: 1,
  entries: [
    { code: 'barriere', label: { it: 'Barriere architettoniche', en: 'Architectural barriers' } },
    { code: 'sovraffollamento', label: { it: 'Sovraffollamento', en: 'Overcrowding' } },
    { code: 'insalubrita', label: { it: 'Umidità o insalubrità', en: 'Damp or unhealthy' } },
    { code: 'riscaldamento', label: { it: 'Riscaldamento assente o insufficiente', en: 'No or poor heating' } },
    { code: 'bagno', label: { it: 'Bagno assente o inadeguato', en: 'No or inadequate bathroom' } },
    {
      code: 'elettrodomestici',
      label: { it: 'Arredi o elettrodomestici essenziali mancanti', en: 'Missing essential furniture or appliances' },
    },
    { code: 'ubicazione', label: { it: 'Zona isolata o mal servita', en: 'Isolated or poorly served area' } },
    { code: 'sfratto', label: { it: 'Sfratto o morosità', en: 'Eviction or arrears' } },
  ],
};

export const FORM_CODE_LISTS: readonly CodeList[] = [
  TRIAGE_SOURCES,
  TRIAGE_NEEDS,
  LIVING_ARRANGEMENTS,
  URGENCY_LEVELS,
  NETWORK_LEVELS,
  INCOME_SOURCES,
  HOUSING_TYPES,
  HOUSING_TENURES,
  ADEQUACY_LEVELS,
  HOUSING_PROBLEMS,
];
