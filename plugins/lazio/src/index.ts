// SPDX-License-Identifier: AGPL-3.0-or-later
import { CatalogueEntries, CodeLists, DemoData, EligibilityRules, Forms, OrganizationStructures, definePlugin, z } from '@sigess/core/sdk';
import { LAZIO_CATALOGUE } from './catalogue';
import { LAZIO_DEMO } from './demo';
import { ASIA_GRADES, DISABILITA_GRAVISSIMA_FORM } from './forms/disabilita-gravissima';
import { UVMD_CODE_LISTS } from './forms/code-lists';
import { SVAMA_FORM } from './forms/svama';
import { SVAMDI_FORM } from './forms/svamdi';
import { LAZIO_RULES } from './rules';
import { LAZIO_DISTRETTI_STRUCTURE, ROMA_CAPITALE } from './territory/structures';
import { registerPua } from './pua';
import { registerUvmd } from './uvmd';
import { LAZIO_MIGRATIONS } from './migrations';
import { bootIntegrations, integrationSettings, registerIntegrations, shutdownIntegrations } from './integrations';

/**
 * Regione Lazio and Roma Capitale (L.R. 10 agosto 2016, n. 11). Everything regional lives here and reaches
 * core only through the SDK's extension points; an administrator turns it on for Lazio's organizations
 * (`activation: organization`), and elsewhere on the same installation none of it shows.
 */
export default definePlugin({
  id: 'lazio',
  migrations: LAZIO_MIGRATIONS,
  settings: z.object({ integrations: integrationSettings }),
  register(p) {
    for (const entry of LAZIO_CATALOGUE) p.contribute(CatalogueEntries, entry);
    p.contribute(OrganizationStructures, ROMA_CAPITALE);
    p.contribute(OrganizationStructures, LAZIO_DISTRETTI_STRUCTURE);
    p.contribute(DemoData, LAZIO_DEMO);
    registerPua(p);
    registerUvmd(p);
    p.contribute(CodeLists, ASIA_GRADES);
    p.contribute(Forms, DISABILITA_GRAVISSIMA_FORM);
    for (const list of UVMD_CODE_LISTS) p.contribute(CodeLists, list);
    p.contribute(Forms, SVAMA_FORM);
    p.contribute(Forms, SVAMDI_FORM);
    for (const rule of LAZIO_RULES) p.contribute(EligibilityRules, rule);
    registerIntegrations(p);
  },
  async boot(p) {
    await bootIntegrations(p);
  },
  async shutdown(p) {
    await shutdownIntegrations(p);
  },
});
