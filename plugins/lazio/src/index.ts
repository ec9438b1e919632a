// SPDX-License-Identifier: AGPL-3.0-or-later
import { CatalogueEntries, definePlugin } from '@sigess/core/sdk';
import { LAZIO_CATALOGUE } from './catalogue';

/**
 * Regione Lazio and Roma Capitale (L.R. 10 agosto 2016, n. 11). Everything regional lives here and reaches
 * core only through the SDK's extension points; an administrator turns it on for Lazio's organizations
 * (`activation: organization`), and elsewhere on the same installation none of it shows.
 */
export default definePlugin({
  id: 'lazio',
  register(p) {
    for (const entry of LAZIO_CATALOGUE) p.contribute(CatalogueEntries, entry);
  },
});
