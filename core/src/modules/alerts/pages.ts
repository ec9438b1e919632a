// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RouteRegistrar } from '../../sdk/routes';
import { HttpError } from '../../sdk/errors';
import type { AlertService } from './alerts';
import type { OrgRef } from '../../sdk/context';
import { AlertRules } from '../../sdk/extension-points/alerts';
import { evaluateOrganization } from './evaluate';
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
    return { redirect: ctx.url('core.alerts') };
  });

  // Now, and only for the organizations the manager acts for: what the nightly job does for everyone.
  r.post('alerts.evaluate', '/alerts/evaluate', { permission: 'core.alerts.evaluate' }, async (ctx) => {
    const organizations = await ctx.em.execute<OrgRef[]>(
      'select id::text as id, code, name from core.organization where id = any (core.request_scope()) order by code',
    );
    const rules = ctx.extensions.all(AlertRules);
    let raised = 0;
    let resolved = 0;
    for (const organization of organizations) {
      const outcome = await evaluateOrganization(ctx.em, rules, organization, alerts());
      raised += outcome.raised;
      resolved += outcome.resolved;
    }
    await ctx.audit({ action: 'alert.evaluate', details: { organizations: organizations.length, raised, resolved } });
    return { redirect: `${ctx.url('core.alerts')}?evaluated` };
  });
}
