// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RequestCtx } from '../../sdk/context';
import { CatalogueEntries } from '../../sdk/extension-points/catalogue';
import { CodeLists } from '../../sdk/extension-points/code-lists';
import type { Alert } from './alerts';
import { dateTimeFormat } from '../../sdk/formats';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const CODE = /^@code-list:([^:]+):(.+)$/;
const SERVICE = /^@catalogue:(.+)$/;
const SUBJECT_ROUTES = { person: 'core.people.show', household: 'core.households.show', cartella: 'core.cartelle.show' } as const;

type Ctx = Pick<RequestCtx, 't' | 'locale' | 'extensions'>;

/**
 * A stored value as the reader reads it. Rules store language-free values: ISO days, and codes
 * (`codeLabel`, `serviceName` of the SDK) that become labels here; a code no longer known shows as itself.
 */
function shown(ctx: Ctx, dates: Intl.DateTimeFormat, v: string | number): string | number {
  if (typeof v !== 'string') return v;
  if (ISO_DAY.test(v)) return dates.format(new Date(`${v}T00:00:00Z`));
  const code = CODE.exec(v);
  if (code) return ctx.extensions.get(CodeLists, code[1]!)?.entries.find((e) => e.code === code[2])?.label[ctx.locale] ?? code[2]!;
  const service = SERVICE.exec(v);
  if (service) {
    const entry = ctx.extensions.get(CatalogueEntries, service[1]!);
    if (!entry) return service[1]!;
    return entry.label ? entry.label[ctx.locale] : ctx.t(entry.nameKey ?? entry.code);
  }
  return v;
}

/** An alert as operators read it: the message in their language, and the page of its subject (`{{url subjectRoute id=subjectId}}`). */
export function presentAlert(ctx: Ctx, alert: Alert) {
  const dates = dateTimeFormat(ctx.locale === 'en' ? 'en-GB' : 'it-IT', { dateStyle: 'long', timeZone: 'UTC' });
  const params = Object.fromEntries(Object.entries(alert.params).map(([k, v]) => [k, shown(ctx, dates, v)]));
  return {
    ...alert,
    message: ctx.t(alert.messageKey, params),
    severityLabel: ctx.t(`core:alerts.severity.${alert.severity}`),
    subjectRoute: SUBJECT_ROUTES[alert.subjectType],
  };
}
