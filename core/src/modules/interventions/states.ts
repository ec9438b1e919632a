// SPDX-License-Identifier: AGPL-3.0-or-later
import type { DomainEventName } from '../../sdk/extension-points/events';

export const INTERVENTION_STATES = [
  'requested',
  'assessing',
  'approved',
  'rejected',
  'waiting',
  'active',
  'suspended',
  'concluded',
] as const;
export type InterventionState = (typeof INTERVENTION_STATES)[number];

export const MOVES = ['assess', 'approve', 'reject', 'activate', 'suspend', 'resume', 'conclude'] as const;
export type Move = (typeof MOVES)[number];

/** States that hold one of the offer's places (its capacity). */
export const HOLDING_PLACE: readonly InterventionState[] = ['approved', 'active', 'suspended'];
/** States of an intervention still under way: neither decided against nor over. */
export const OPEN: readonly InterventionState[] = ['requested', 'assessing', 'approved', 'waiting', 'active', 'suspended'];
/** States whose amount is committed against the offer's yearly budget. */
export const COMMITTED: readonly InterventionState[] = ['approved', 'active', 'suspended', 'concluded'];

/**
 * The intervention's life: requested → under assessment → approved or rejected (a decision with its act
 * number and date) → active → suspended ⇄ active → concluded. An approval that finds the offer's places or
 * yearly budget exhausted puts it on the service's waiting list (`waiting`) instead, from which it is
 * activated when room frees up, or rejected. Anything else is refused (409).
 */
export const MOVE_RULES: Readonly<
  Record<
    Move,
    { readonly from: readonly InterventionState[]; readonly to: InterventionState; readonly decision: boolean; readonly reason: boolean }
  >
> = {
  assess: { from: ['requested'], to: 'assessing', decision: false, reason: false },
  approve: { from: ['requested', 'assessing'], to: 'approved', decision: true, reason: false },
  reject: { from: ['requested', 'assessing', 'waiting'], to: 'rejected', decision: true, reason: true },
  activate: { from: ['approved', 'waiting'], to: 'active', decision: false, reason: false },
  suspend: { from: ['active'], to: 'suspended', decision: false, reason: true },
  resume: { from: ['suspended'], to: 'active', decision: false, reason: false },
  conclude: { from: ['active', 'suspended'], to: 'concluded', decision: false, reason: false },
};

/** The permission each move needs: decisions are the service manager's, the rest the case's social worker's too. */
export const MOVE_PERMISSION: Readonly<Record<Move, string>> = {
  assess: 'core.interventions.request',
  approve: 'core.interventions.decide',
  reject: 'core.interventions.decide',
  activate: 'core.interventions.decide',
  suspend: 'core.interventions.request',
  resume: 'core.interventions.request',
  conclude: 'core.interventions.request',
};

/** The domain event a state entered raises. */
export const EVENT_OF: Partial<Record<InterventionState, DomainEventName>> = {
  requested: 'intervention.requested',
  approved: 'intervention.approved',
  rejected: 'intervention.rejected',
  waiting: 'intervention.waiting',
  active: 'intervention.activated',
  suspended: 'intervention.suspended',
  concluded: 'intervention.concluded',
};

export function movesFrom(state: InterventionState): Move[] {
  return MOVES.filter((m) => MOVE_RULES[m].from.includes(state));
}
