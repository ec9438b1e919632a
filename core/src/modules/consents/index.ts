// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PluginRegistrar } from '../../sdk/plugin';
import { CodeLists } from '../../sdk/extension-points/code-lists';
import { PageSlots } from '../../sdk/extension-points/ui';
import { CONSENT_GIVERS, CONSENT_PURPOSES, LEGAL_BASES } from './codes';
import { registerConsentApi } from './api';
import { consentsCartellaSlot } from './cartella-slot';
import { registerConsentPages } from './pages';

export { consentPermissions } from './permissions';

/** Information notices and consents (GDPR) of the people in charge: the cartella's privacy page, its section, the API. */
export function registerConsents(p: PluginRegistrar): void {
  for (const list of [CONSENT_PURPOSES, CONSENT_GIVERS, LEGAL_BASES]) p.contribute(CodeLists, list);
  p.contribute(PageSlots, consentsCartellaSlot);
  p.routes((r) => {
    registerConsentPages(r);
    registerConsentApi(r);
  });
}
