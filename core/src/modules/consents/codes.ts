// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CodeList } from '../../sdk/extension-points/code-lists';

/**
 * The code lists of consents and information notices. Purposes and who gave a consent may be replaced by a
 * regional plugin under the same id; `condivisione-sanitaria` is the purpose the sharing form looks for, so
 * a replacement list keeps that code.
 */

/** The purpose whose consent makes a sharing with health services lawful on the person's say-so. */
export const SHARING_PURPOSE = 'condivisione-sanitaria';

export const CONSENT_PURPOSES: CodeList = {
  id: 'core.consent-purposes',
  version: 1,
  entries: [
    {
      code: 'trattamento-dati',
      label: {
        it: 'Trattamento dei dati personali, anche sociali e sanitari (art. 9 GDPR)',
        en: 'Processing of personal data, social and health data included (GDPR art. 9)',
      },
    },
    { code: SHARING_PURPOSE, label: { it: 'Condivisione con ASL e servizi sanitari', en: 'Sharing with the ASL and health services' } },
    { code: 'comunicazioni', label: { it: 'Comunicazioni via e-mail o SMS', en: 'Messages by e-mail or SMS' } },
    { code: 'immagini', label: { it: 'Riprese foto e video', en: 'Photos and videos' } },
    { code: 'ricerca', label: { it: 'Ricerca e statistica', en: 'Research and statistics' } },
  ],
};

export const CONSENT_GIVERS: CodeList = {
  id: 'core.consent-givers',
  version: 1,
  entries: [
    { code: 'interessato', label: { it: "L'interessato", en: 'The person' } },
    { code: 'tutore', label: { it: 'Il tutore', en: 'The guardian' } },
    { code: 'amministratore-sostegno', label: { it: "L'amministratore di sostegno", en: 'The support administrator' } },
    { code: 'curatore', label: { it: 'Il curatore', en: 'The curator' } },
    { code: 'genitore', label: { it: 'Un genitore (per un minore)', en: 'A parent (for a minor)' } },
    { code: 'altro', label: { it: 'Altro rappresentante', en: 'Another representative' } },
  ],
};

/** Why a processing or a sharing is lawful (GDPR art. 6 and 9), in plain words. */
export const LEGAL_BASES: CodeList = {
  id: 'core.legal-bases',
  version: 1,
  entries: [
    { code: 'consent', label: { it: "Consenso dell'interessato", en: "The person's consent" } },
    { code: 'legal-obligation', label: { it: 'Obbligo di legge', en: 'Legal obligation' } },
    { code: 'public-task', label: { it: 'Compito di interesse pubblico del servizio', en: 'Public task of the service' } },
    { code: 'care', label: { it: 'Finalità di cura e assistenza sociale o sanitaria', en: 'Social or health care' } },
    { code: 'vital-interest', label: { it: 'Interesse vitale della persona', en: "The person's vital interest" } },
  ],
};

export const CONSENT_KINDS = ['notice', 'consent'] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];
