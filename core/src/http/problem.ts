// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FieldError } from '../sdk/errors';

export { HttpError, type FieldError } from '../sdk/errors';

/** RFC 9457 problem details. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly errors?: readonly FieldError[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';
