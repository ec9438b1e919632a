// SPDX-License-Identifier: AGPL-3.0-or-later
import { HealthSystemPort, outboundState, type OutboundState, type PageSlot, type RequestCtx } from '@sigess/core/sdk';
import { PUA } from '../pua/permissions';
import { puaSchedaKey, puaSchedaOf } from './messages';

/**
 * A message's state in the operator's words: received (with the region's reference), waiting and why, or set
 * aside (an administrator retries it from the outbox). Messages are recorded with the change that makes them.
 */
export function stateView(ctx: RequestCtx, state: OutboundState | null) {
  if (!state) return { label: ctx.t('lazio:integrations.state.none'), error: null, sent: false };
  return {
    label: ctx.t(`lazio:integrations.state.${state.status}`, { reference: state.reference ?? '—', attempts: state.attempts }),
    error: state.status === 'delivered' ? null : state.lastError,
    sent: state.status === 'delivered',
  };
}

/** On an access contact's page: whether its scheda PUA has reached the regional system. */
export const REGIONAL_ACCESS_SLOT: PageSlot = {
  id: 'lazio.integrations.access',
  zone: 'access.details.after',
  template: 'lazio:integrations/access-slot',
  position: 110,
  permission: PUA.view,
  async load(ctx, subject) {
    if (subject?.kind !== 'access') return null;
    const scheda = await puaSchedaOf(ctx, subject.id);
    if (!scheda) return null;
    const state = await outboundState(ctx, HealthSystemPort, puaSchedaKey(scheda.schedaId, scheda.version));
    return stateView(ctx, state);
  },
};
