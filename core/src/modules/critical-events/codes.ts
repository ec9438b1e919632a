// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CodeList } from '../../sdk/extension-points/code-lists';

/**
 * The kinds of critical event (evento critico) an operator records about a person. A plugin may
 * contribute a richer list under the same id; alert rules name the type through this list's label.
 */
export const CRITICAL_EVENT_TYPES: CodeList = {
  id: 'core.critical-event-types',
  version: 1,
  entries: [
    { code: 'sfratto', label: { it: 'Sfratto o avviso di sfratto', en: 'Eviction or eviction notice' } },
    { code: 'perdita-lavoro', label: { it: 'Perdita del lavoro', en: 'Loss of job' } },
    { code: 'segnalazione-violenza', label: { it: 'Segnalazione di violenza', en: 'Report of violence' } },
    { code: 'lutto', label: { it: 'Lutto', en: 'Bereavement' } },
    { code: 'ricovero', label: { it: 'Ricovero', en: 'Hospital admission' } },
    { code: 'detenzione', label: { it: 'Detenzione', en: 'Detention' } },
    { code: 'abbandono-scolastico', label: { it: 'Abbandono scolastico', en: 'Dropping out of school' } },
    { code: 'altro', label: { it: 'Altro', en: 'Other' } },
  ],
};
