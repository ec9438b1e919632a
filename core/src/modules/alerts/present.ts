// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RequestCtx } from '../../sdk/context';
import type { Alert } from './alerts';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const SUBJECT_ROUTES = { person: 'core.people.show', household: 'core.households.show', cartella: 'core.cartelle.show' } as const;

/** An alert as operators read it: the message in their language, and the page of its subject (`{{url subjectRoute id=subjectId}}`). */
export function presentAlert(ctx: Pick<RequestCtx, 't' | 'locale'>, alert: Alert) {
  // Rules store dates as ISO days, language-free; the reader gets them as their language writes them.
  const dates = new Intl.DateTimeFormat(ctx.locale === 'en' ? 'en-GB' : 'it-IT', { dateStyle: 'long', timeZone: 'UTC' });
  const params = Object.fromEntries(
    Object.entries(alert.params).map(([k, v]) => [
      k,
      typeof v === 'string' && ISO_DAY.test(v) ? dates.format(new Date(`${v}T00:00:00Z`)) : v,
    ]),
  );
  return {
    ...alert,
    message: ctx.t(alert.messageKey, params),
    severityLabel: ctx.t(`core:alerts.severity.${alert.severity}`),
    subjectRoute: SUBJECT_ROUTES[alert.subjectType],
  };
}
