// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RouteRegistrar } from '../../../sdk/routes';
import { registerPeopleImportApi } from './api';
import { registerPeopleImportPages } from './pages';

/**
 * Importing people from a file: upload, review (errors field by field, possible duplicates in the registry
 * and in the file), decide, commit in one transaction. Registered before the registry's own pages, whose
 * `/people/:id` would otherwise take `/people/import`.
 */
export function registerPeopleImport(r: RouteRegistrar): void {
  registerPeopleImportPages(r);
  registerPeopleImportApi(r);
}
