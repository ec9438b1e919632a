// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PageSlot } from '../../sdk/extension-points/ui';
import { localToday } from '../../sdk/local-time';
import { plans } from './actions';

/**
 * The plan on the cartella's page: its state and next review, or that there is none, with the way to it.
 * A contribution of this module, so the cartella's page does not reach into the plans' code.
 */
export const planCartellaSlot: PageSlot = {
  id: 'core.plans.cartella',
  zone: 'cartella.side.before',
  template: 'core:plans/cartella-slot',
  position: 20,
  permission: 'core.plans.view',
  async load(ctx, subject) {
    if (subject?.kind !== 'cartella') return null;
    const plan = await plans.current(ctx.em, subject.id);
    const current = plan && plan.state !== 'closed' ? plan : null;
    if (!current) return { cartellaId: subject.id, none: true };
    await ctx.audit({ action: 'plan.read', entity: 'plan', entityId: current.id, details: { cartella: subject.id, where: 'cartella' } });
    return {
      cartellaId: subject.id,
      none: false,
      stateLabel: ctx.t(`core:plans.states.${current.state}`),
      nextReviewOn: current.nextReviewOn,
      overdue: current.state === 'active' && Boolean(current.nextReviewOn && current.nextReviewOn < localToday()),
    };
  },
};
