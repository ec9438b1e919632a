// SPDX-License-Identifier: AGPL-3.0-or-later
import Handlebars from 'handlebars';
import type { TFunction } from 'i18next';
import type { Locale } from '../sdk/context';
import { dateTimeFormat } from '../sdk/formats';
import { LOCAL_TIME_ZONE } from '../sdk/local-time';

/** What every render passes in `@data`: the request's language, strings and prepared slots. */
export interface RenderData {
  readonly locale: Locale;
  readonly t: TFunction;
  /** Slot zone → rendered HTML of its contributions, prepared before the page renders. */
  readonly slots: Readonly<Record<string, readonly { id: string; html: string }[]>>;
  /** The layout's view-model (language switch, menu, organization), as `@shell` in templates. */
  readonly shell: Readonly<Record<string, unknown>>;
  /** Whether the request's principal holds a permission (`{{#if (can "core.people.edit")}}`); absent on bare pages. */
  readonly can?: (permission: string) => boolean;
}

export interface HelperDeps {
  /** URL of a named route. */
  url(name: string, params: Record<string, string>): string;
  /** Public URL of an asset given as `owner:path` (`bi:`, `theme:`, `core:` or a plugin id). */
  asset(ref: string): string;
}

type Options = Handlebars.HelperOptions & { data: RenderData };

/** The core helper set: small, synchronous, and escaping everything it prints. */
export function registerHelpers(env: typeof Handlebars, deps: HelperDeps): void {
  env.registerHelper('can', function (permission: string, options: Options) {
    return options.data.can?.(permission) ?? false;
  });
  env.registerHelper('t', function (key: string, options: Options) {
    return options.data.t(key, { ...options.hash });
  });
  env.registerHelper('url', function (name: string, options: Options) {
    return deps.url(name, { ...(options.hash as Record<string, string>) });
  });
  env.registerHelper('asset', function (ref: string) {
    return deps.asset(ref);
  });
  env.registerHelper('icon', function (name: string, options: Options) {
    const size = typeof options.hash.size === 'string' ? ` icon-${Handlebars.escapeExpression(options.hash.size)}` : '';
    const extra = typeof options.hash.class === 'string' ? ` ${Handlebars.escapeExpression(options.hash.class)}` : '';
    const href = Handlebars.escapeExpression(`${deps.asset('bi:svg/sprites.svg')}#${name}`);
    return new Handlebars.SafeString(
      `<svg class="icon${size}${extra}" aria-hidden="true" focusable="false"><use href="${href}"></use></svg>`,
    );
  });
  env.registerHelper('slot', function (zone: string, options: Options) {
    const parts = options.data.slots[zone] ?? [];
    return new Handlebars.SafeString(
      parts
        .map(
          (p: { id: string; html: string }) => `<div class="sigess-slot" data-slot="${Handlebars.escapeExpression(p.id)}">${p.html}</div>`,
        )
        .join('\n'),
    );
  });
  // The message of one field in a list of { field, message } errors, for forms that show them beside the field.
  env.registerHelper('fieldError', (errors: unknown, field: string) =>
    Array.isArray(errors) ? ((errors as { field: string; message: string }[]).find((e) => e.field === field)?.message ?? '') : '',
  );
  env.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  // Builds a key from parts, e.g. (concat "core:people.identityKinds." kind).
  env.registerHelper('array', (...args: unknown[]) => args.slice(0, -1));
  env.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).join(''));
  env.registerHelper('not', (a: unknown) => !a);
  env.registerHelper('and', (...args: unknown[]) => args.slice(0, -1).every(Boolean));
  env.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  env.registerHelper('date', function (value: unknown, options: Options) {
    if (value === null || value === undefined || value === '') return '';
    const date = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(date.getTime())) return String(value);
    // A calendar day (YYYY-MM-DD) is shown as it is; a moment on Italy's clock, whatever the server's zone.
    const day = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
    const style: Intl.DateTimeFormatOptions = {
      dateStyle: 'medium',
      ...(options.hash.time ? { timeStyle: 'short' } : {}),
      timeZone: day ? 'UTC' : LOCAL_TIME_ZONE,
    };
    return dateTimeFormat(options.data.locale === 'en' ? 'en-GB' : 'it-IT', style).format(date);
  });
}
