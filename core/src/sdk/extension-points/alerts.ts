// SPDX-License-Identifier: AGPL-3.0-or-later
import { defineManyPoint } from '../extension-point';
import type { RequestCtx } from '../context';

export interface RaisedAlert {
  readonly code: string;
  readonly severity: 'info' | 'warning' | 'critical';
  readonly messageKey: string;
  readonly params?: Readonly<Record<string, unknown>>;
}

/** Surfaces latent needs and distress on a subject (a person or a cartella). */
export interface AlertRule {
  readonly id: string;
  readonly subject: 'person' | 'household' | 'cartella';
  readonly position?: number;
  evaluate(subjectId: string, ctx: RequestCtx): Promise<readonly RaisedAlert[]>;
}
export const AlertRules = defineManyPoint<AlertRule>('sigess.alert-rules');
