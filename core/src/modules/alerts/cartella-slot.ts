// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PageSlot } from '../../sdk/extension-points/ui';
import type { AlertService } from './alerts';
import { presentAlert } from './present';

/**
 * The open alerts about a cartella or its person, at the top of the cartella's side column, each with
 * the acknowledge form that brings the operator back here. Nothing is shown when there are none.
 */
export function cartellaAlertsSlot(alerts: () => AlertService): PageSlot {
  return {
    id: 'core.alerts.cartella',
    zone: 'cartella.side.before',
    template: 'core:alerts/cartella-slot',
    position: 5,
    permission: 'core.alerts.view',
    async load(ctx, subject) {
      if (subject?.kind !== 'cartella') return null;
      // Row-level security answers for the cartella: one the request may not see has no person here.
      const [cartella] = await ctx.em.execute<{ person_id: string }[]>(
        'select person_id::text as person_id from core.cartella where id = ?',
        [subject.id],
      );
      if (!cartella) return null;
      const list = await alerts().list(ctx.em, {
        status: 'open',
        subjects: [
          { type: 'cartella', id: subject.id },
          { type: 'person', id: cartella.person_id },
        ],
        limit: 20,
      });
      await ctx.audit({
        action: 'alert.list',
        entity: 'cartella',
        entityId: subject.id,
        details: { status: 'open', results: list.length, where: 'cartella' },
      });
      if (!list.length) return null;
      return {
        alerts: list.map((a) => presentAlert(ctx, a)),
        canAcknowledge: ctx.can('core.alerts.acknowledge'),
        cartellaId: subject.id,
      };
    },
  };
}
