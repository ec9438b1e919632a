// SPDX-License-Identifier: AGPL-3.0-or-later

/** One field's problem, as forms show it beside the field and the API lists it. */
export interface FieldError {
  /** The field's path, dotted for nested fields (`residence.street`). */
  readonly field: string;
  readonly message: string;
}

/**
 * An error meant for the user: its status, a localizable title key and a
 * detail. Route handlers (core's and plugins') throw it; anything else thrown
 * is a 500 whose details stay in the log.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly titleKey: string,
    readonly detail?: string,
    readonly errors: readonly FieldError[] = [],
    /** An i18n key for the detail, translated in the request's language. */
    readonly detailKey?: string,
    /** Further members of the problem document (RFC 9457 extensions), e.g. the conflicting records. */
    readonly extensions: Readonly<Record<string, unknown>> = {},
  ) {
    super(detail ?? titleKey);
    this.name = 'HttpError';
  }

  static notFound(detail?: string): HttpError {
    return new HttpError(404, 'core:errors.404.title', detail);
  }

  /** 409: the data changed or exists already; `extensions` says how. */
  static conflict(detailKey: string, extensions: Readonly<Record<string, unknown>> = {}): HttpError {
    return new HttpError(409, 'core:errors.409.title', undefined, [], detailKey, extensions);
  }

  /** 422 with the fields at fault. */
  static invalid(errors: readonly FieldError[]): HttpError {
    return new HttpError(422, 'core:errors.422.title', undefined, errors, 'core:errors.422.detail');
  }
}
