// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CodeList } from '../../sdk/extension-points/code-lists';
import { CLOSING_REASONS, SUSPENSION_REASONS } from './codes';

export const CARTELLA_STATES = ['open', 'suspended', 'closed'] as const;
export type CartellaState = (typeof CARTELLA_STATES)[number];

export const TRANSITIONS = ['suspend', 'resume', 'close', 'reopen'] as const;
export type Transition = (typeof TRANSITIONS)[number];

/**
 * The cartella's life: open → suspended → open again, either → closed, closed → reopened (open). Each
 * move says why: a coded reason when suspending or closing, a note when resuming or reopening (the
 * reasons to come back are too varied to code). Anything else is refused (409).
 */
export const TRANSITION_RULES: Readonly<
  Record<Transition, { from: readonly CartellaState[]; to: CartellaState; reasons: CodeList | null }>
> = {
  suspend: { from: ['open'], to: 'suspended', reasons: SUSPENSION_REASONS },
  resume: { from: ['suspended'], to: 'open', reasons: null },
  close: { from: ['open', 'suspended'], to: 'closed', reasons: CLOSING_REASONS },
  reopen: { from: ['closed'], to: 'open', reasons: null },
};

/** The moves a cartella in this state can make. */
export function transitionsFrom(state: CartellaState): Transition[] {
  return TRANSITIONS.filter((t) => TRANSITION_RULES[t].from.includes(state));
}
