// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PluginRegistrar } from '../../sdk/plugin';
import { CatalogueEntries } from '../../sdk/extension-points/catalogue';
import { CodeLists } from '../../sdk/extension-points/code-lists';
import { EligibilityRules } from '../../sdk/extension-points/eligibility';
import { PersonReferences } from '../../sdk/extension-points/people';
import { IseePort } from '../../sdk/extension-points/ports';
import { MenuItems } from '../../sdk/extension-points/ui';
import { registerCatalogueApi } from './api';
import { AREAS } from './areas';
import { ISEE_NOT_CONFIGURED } from './isee-port';
import { NATIONAL_ENTRIES } from './nomenclature';
import { registerCataloguePages } from './pages';
import { registerPersonPages } from './person-pages';
import { CORE_RULES } from './rules';

export { cataloguePermissions } from './permissions';

/**
 * The service catalogue and eligibility: the national table of prestazioni and the plugins' measures,
 * organizations' offers, ISEE attestations and disability certifications, and the explainable check
 * of a person against a service's requirements; pages and API.
 */
export function registerCatalogue(p: PluginRegistrar): void {
  p.contribute(CodeLists, AREAS);
  for (const entry of NATIONAL_ENTRIES) p.contribute(CatalogueEntries, entry);
  for (const rule of CORE_RULES) p.contribute(EligibilityRules, rule);
  p.implement(IseePort, ISEE_NOT_CONFIGURED);
  // A merge of two registrations moves their attestations and certifications with the person.
  p.contribute(PersonReferences, { id: 'core.isee', table: 'core.isee', column: 'person_id', key: 'id' });
  p.contribute(PersonReferences, { id: 'core.disability-record', table: 'core.disability_record', column: 'person_id', key: 'id' });
  p.contribute(MenuItems, {
    id: 'core.catalogue',
    menu: 'main',
    labelKey: 'core:menu.catalogue',
    route: 'core.catalogue',
    position: 50,
    icon: 'it-list',
    permission: 'core.catalogue.view',
  });
  p.routes((r) => {
    registerCataloguePages(r);
    registerPersonPages(r);
    registerCatalogueApi(r);
  });
}
