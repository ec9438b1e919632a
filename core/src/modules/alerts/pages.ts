// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RouteRegistrar } from '../../sdk/routes';
import { HttpError } from '../../sdk/errors';
import { localPath } from '../../sdk/input';
import type { AlertService } from './alerts';
import { evaluateRequestScope } from './evaluate';
import { presentAlert } from './present';
import { acknowledgeInput, alertListQuery } from './schemas';

/** The alerts page: what needs attention in the operator's organizations, and taking note of it. */
export function alertPages(r: RouteRegistrar, alerts: () => AlertService): void {
  r.get('alerts', '/alerts', { permission: 'core.alerts.view', query: alertListQuery }, async (ctx) => {
    const { status } = ctx.query as { status: 'open' | 'acknowledged' | 'resolved' | 'current' };
    const list = await alerts().list(ctx.em, { status });
    await ctx.audit({ action: 'alert.list', entity: 'alert', details: { status, results: list.length } });
    return {
      view: 'core:alerts/index',
      model: {
        title: ctx.t('core:alerts.title'),
        status,
        statuses: (['open', 'acknowledged', 'resolved'] as const).map((s) => ({
          code: s,
          label: ctx.t(`core:alerts.status.${s}`),
          href: `${ctx.url('core.alerts')}?status=${s}`,
          current: s === status,
        })),
        alerts: list.map((a) => presentAlert(ctx, a)),
        canAcknowledge: ctx.can('core.alerts.acknowledge'),
        canEvaluate: ctx.can('core.alerts.evaluate'),
        evaluated: ctx.query.evaluated !== undefined,
      },
    };
  });

  r.post('alerts.acknowledge', '/alerts/:id/acknowledge', { permission: 'core.alerts.acknowledge' }, async (ctx) => {
    const alert = await alerts().find(ctx.em, ctx.params.id ?? '');
    if (!alert) throw HttpError.notFound();
    const parsed = ctx.validate(acknowledgeInput, ctx.body);
    if (!parsed.ok) throw HttpError.invalid(parsed.errors);
    if (!(await alerts().acknowledge(ctx.em, alert.id, ctx.operator!.id, parsed.data.note ?? null))) {
      throw HttpError.conflict('core:alerts.errors.notOpen');
    }
    await ctx.audit({ action: 'alert.acknowledge', entity: 'alert', entityId: alert.id, details: { rule: alert.ruleId } });
    // Back where the operator acknowledged it (the cartella's page, say), never to another site.
    return { redirect: localPath((ctx.body as { next?: unknown } | undefined)?.next) ?? ctx.url('core.alerts') };
  });

  // Now, and only for the organizations the manager acts for: what the nightly job does for everyone.
  r.post('alerts.evaluate', '/alerts/evaluate', { permission: 'core.alerts.evaluate' }, async (ctx) => {
    await evaluateRequestScope(ctx, alerts());
    return { redirect: `${ctx.url('core.alerts')}?evaluated` };
  });
}
