// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PageSlot } from '@sigess/core/sdk';
import { PUA } from './permissions';
import { contactSummary, schedaOfContact } from './store';

/** On an access contact's page: the scheda PUA, recorded or to fill. */
export const PUA_SLOT: PageSlot = {
  id: 'lazio.pua',
  zone: 'access.details.after',
  template: 'lazio:slots/pua',
  permission: PUA.view,
  async load(ctx, subject) {
    if (subject?.kind !== 'access') return null;
    const contact = await contactSummary(ctx, subject.id);
    if (!contact) return null;
    const scheda = await schedaOfContact(ctx, contact.id);
    return {
      href: `/p/lazio/pua/${contact.id}`,
      scheda: scheda
        ? { score: scheda.score, band: ctx.t(`lazio:pua.bands.${scheda.band}`), outcome: ctx.t(`lazio:pua.outcomes.${scheda.outcome}`) }
        : null,
      canRecord: Boolean(contact.personId) && ctx.can(PUA.record),
    };
  },
};
