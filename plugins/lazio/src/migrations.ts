// SPDX-License-Identifier: AGPL-3.0-or-later
import { Migration20261124120000_pua_scheda } from './pua/migrations';
import { Migration20261124130000_uvmd_session } from './uvmd/migrations';

/** The plugin's migrations for schema plg_lazio, in the order they run: append, never insert or edit. */
export const LAZIO_MIGRATIONS = [
  { name: 'Migration20261124120000_pua_scheda', class: Migration20261124120000_pua_scheda },
  { name: 'Migration20261124130000_uvmd_session', class: Migration20261124130000_uvmd_session },
];
