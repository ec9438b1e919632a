// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PageSlot } from '@sigess/core/sdk';
import { UVMD } from './permissions';
import { cartellaSummary, sessionsOfCartella } from './store';

/** On a cartella (the owner's, or one shared with the health district): its UVMD sessions, and scheduling one. */
export const UVMD_SLOT: PageSlot = {
  id: 'lazio.uvmd',
  zone: 'cartella.side.after',
  template: 'lazio:slots/uvmd',
  permission: UVMD.view,
  async load(ctx, subject) {
    if (subject?.kind !== 'cartella') return null;
    const cartella = await cartellaSummary(ctx, subject.id);
    if (!cartella) return null;
    const sessions = await sessionsOfCartella(ctx, cartella.id);
    return {
      sessions: sessions.map((s) => ({
        href: `/p/lazio/uvmd/${s.id}`,
        scheduledOn: s.scheduledOn,
        formLabel: ctx.t(`lazio:uvmd.forms.${s.formId}`),
        outcomeLabel: s.outcome ? ctx.t(`lazio:uvmd.outcomes.${s.outcome}`) : null,
      })),
      newHref: cartella.owned && ctx.can(UVMD.schedule) ? `/p/lazio/uvmd/new?cartella=${cartella.id}` : null,
    };
  },
};
