// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CodeList } from '../../sdk/extension-points/code-lists';

/**
 * What kind of document a cartella holds. It only classifies, so a regional plugin may replace the list
 * under the same id; who reads a document is its confidentiality, the diary's levels (`core.diary-confidentiality`).
 */
export const DOCUMENT_CATEGORIES: CodeList = {
  id: 'core.document-categories',
  version: 1,
  entries: [
    { code: 'relazione', label: { it: 'Relazione sociale', en: 'Social report' } },
    { code: 'documento-identita', label: { it: "Documento d'identità", en: 'Identity document' } },
    { code: 'attestazione-isee', label: { it: 'Attestazione ISEE', en: 'ISEE attestation' } },
    { code: 'certificazione-sanitaria', label: { it: 'Certificazione sanitaria', en: 'Health certificate' } },
    {
      code: 'provvedimento-autorita-giudiziaria',
      label: { it: "Provvedimento dell'autorità giudiziaria", en: 'Court order' },
    },
    { code: 'consenso-firmato', label: { it: 'Consenso firmato', en: 'Signed consent' } },
    { code: 'altro', label: { it: 'Altro', en: 'Other' } },
  ],
};
