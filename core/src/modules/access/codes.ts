// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CodeList } from '../../sdk/extension-points/code-lists';

/**
 * The code lists of the access register. Lists whose codes only classify (channels, interlocutors,
 * needs) may be replaced by a regional plugin with a richer list under the same id; lists whose codes
 * drive behaviour (outcomes, referral states) keep their codes, which the database checks, and a plugin
 * may only relabel them.
 */

/**
 * How the contact happened. (Core's lint rule refuses any literal containing a region's name, so the
 * usual "segnala…"/"rela…" nouns are worded otherwise here.)
 */
export const CHANNELS: CodeList = {
  id: 'core.access-channels',
  version: 1,
  entries: [
    { code: 'di-persona', label: { it: 'Di persona allo sportello', en: 'In person at the desk' } },
    { code: 'telefono', label: { it: 'Telefono', en: 'Phone' } },
    { code: 'email', label: { it: 'E-mail o PEC', en: 'E-mail or certified e-mail' } },
    { code: 'invio-servizio', label: { it: 'Inviato da un altro servizio', en: 'Referral by another service' } },
    { code: 'domicilio', label: { it: 'Visita domiciliare', en: 'Home visit' } },
  ],
};

/** Who came or called: the person, someone for them, a professional. */
export const INTERLOCUTORS: CodeList = {
  id: 'core.access-interlocutors',
  version: 1,
  entries: [
    { code: 'interessato', label: { it: "L'interessato", en: 'The person concerned' } },
    { code: 'familiare', label: { it: 'Un familiare o conoscente', en: 'A relative or acquaintance' } },
    { code: 'professionista', label: { it: 'Un professionista o un servizio', en: 'A professional or a service' } },
    { code: 'altro', label: { it: 'Altro', en: 'Other' } },
  ],
};

/** The need expressed, as the segretariato sociale classifies requests. */
export const NEED_CATEGORIES: CodeList = {
  id: 'core.access-needs',
  version: 1,
  entries: [
    { code: 'economico', label: { it: 'Economico', en: 'Economic' } },
    { code: 'abitativo', label: { it: 'Abitativo', en: 'Housing' } },
    { code: 'lavoro', label: { it: 'Lavoro', en: 'Work' } },
    { code: 'cura-assistenza', label: { it: 'Cura e assistenza', en: 'Care and assistance' } },
    { code: 'salute', label: { it: 'Salute', en: 'Health' } },
    { code: 'rapporti-familiari', label: { it: 'Rapporti familiari', en: 'Family relations' } },
    { code: 'minori-genitorialita', label: { it: 'Minori e genitorialità', en: 'Minors and parenting' } },
    { code: 'violenza', label: { it: 'Violenza o maltrattamento', en: 'Violence or abuse' } },
    { code: 'dipendenze', label: { it: 'Dipendenze', en: 'Addiction' } },
    { code: 'immigrazione-documenti', label: { it: 'Immigrazione e documenti', en: 'Immigration and documents' } },
    { code: 'isolamento', label: { it: 'Solitudine e isolamento', en: 'Loneliness and isolation' } },
    { code: 'informazioni', label: { it: 'Richiesta di informazioni', en: 'Information' } },
    { code: 'altro', label: { it: 'Altro', en: 'Other' } },
  ],
};

export const OUTCOME_CODES = ['information', 'orientation', 'referral', 'take-in-charge'] as const;
export type Outcome = (typeof OUTCOME_CODES)[number];

/** What the desk answered. A referral is followed until accepted or refused; a take-in-charge opens a cartella. */
export const OUTCOMES: CodeList = {
  id: 'core.access-outcomes',
  version: 1,
  entries: [
    { code: 'information', label: { it: 'Informazioni fornite', en: 'Information given' } },
    { code: 'orientation', label: { it: 'Orientamento', en: 'Orientation' } },
    { code: 'referral', label: { it: 'Invio a un servizio', en: 'Referral to a service' } },
    { code: 'take-in-charge', label: { it: 'Presa in carico', en: 'Taken in charge' } },
  ],
};

export const REFERRAL_STATE_CODES = ['pending', 'accepted', 'refused'] as const;
export type ReferralState = (typeof REFERRAL_STATE_CODES)[number];

export const REFERRAL_STATES: CodeList = {
  id: 'core.referral-states',
  version: 1,
  entries: [
    { code: 'pending', label: { it: 'In attesa di risposta', en: 'Awaiting an answer' } },
    { code: 'accepted', label: { it: 'Accettato dal servizio', en: 'Accepted by the service' } },
    { code: 'refused', label: { it: 'Non accettato dal servizio', en: 'Refused by the service' } },
  ],
};

/**
 * "Came several times without being taken in charge": at least REPEAT_VISITS contacts within the last
 * REPEAT_WINDOW_DAYS days, and no cartella that is not closed. Three contacts in a quarter is the rule of
 * thumb of the segretariato: one may be information, two a follow-up, three a need nobody has taken up.
 */
export const REPEAT_VISITS = 3;
export const REPEAT_WINDOW_DAYS = 90;
