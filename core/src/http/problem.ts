// SPDX-License-Identifier: AGPL-3.0-or-later

/** One field's problem, as forms show it beside the field and the API lists it. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/**
 * An error meant for the user: its status, a localizable title key and a
 * detail. Anything else thrown is a 500 whose details stay in the log.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly titleKey: string,
    readonly detail?: string,
    readonly errors: readonly FieldError[] = [],
    /** An i18n key for the detail, translated in the request's language. */
    readonly detailKey?: string,
  ) {
    super(detail ?? titleKey);
    this.name = 'HttpError';
  }

  static notFound(detail?: string): HttpError {
    return new HttpError(404, 'core:errors.404.title', detail);
  }
}

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
