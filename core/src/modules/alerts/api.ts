// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from 'zod';
import type { RouteRegistrar } from '../../sdk/routes';
import { HttpError } from '../../sdk/errors';
import type { AlertService } from './alerts';
import { presentAlert } from './present';
import { evaluateRequestScope } from './evaluate';
import { acknowledgeInput, alertListQuery, alertOutput } from './schemas';

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

export function alertApi(r: RouteRegistrar, alerts: () => AlertService): void {
  const json = (a: ReturnType<typeof presentAlert>) => ({
    id: a.id,
    ruleId: a.ruleId,
    code: a.code,
    subjectType: a.subjectType,
    subjectId: a.subjectId,
    subjectLabel: a.subjectLabel,
    severity: a.severity,
    message: a.message,
    status: a.status,
    raisedAt: iso(a.raisedAt),
    acknowledgedAt: iso(a.acknowledgedAt),
    acknowledgedBy: a.acknowledgedBy,
    note: a.note,
  });

  r.get(
    'api.alerts',
    '/api/v1/alerts',
    {
      permission: 'core.alerts.view',
      query: alertListQuery,
      response: z.object({ items: z.array(alertOutput) }),
      summary: "The alerts of the operator's organizations, by status (open by default)",
    },
    async (ctx) => {
      const { status } = ctx.query as { status: 'open' | 'acknowledged' | 'resolved' | 'current' };
      const list = await alerts().list(ctx.em, { status });
      await ctx.audit({ action: 'alert.list', entity: 'alert', details: { status, results: list.length } });
      return { json: { items: list.map((a) => json(presentAlert(ctx, a))) } };
    },
  );

  r.post(
    'api.alerts.acknowledge',
    '/api/v1/alerts/:id/acknowledge',
    {
      permission: 'core.alerts.acknowledge',
      body: acknowledgeInput,
      response: alertOutput,
      summary: 'Acknowledge an open alert, with a note',
    },
    async (ctx) => {
      const alert = await alerts().find(ctx.em, ctx.params.id ?? '');
      if (!alert) throw HttpError.notFound();
      const { note } = ctx.body as { note?: string };
      if (!(await alerts().acknowledge(ctx.em, alert.id, ctx.operator!.id, note ?? null))) {
        throw HttpError.conflict('core:alerts.errors.notOpen');
      }
      await ctx.audit({ action: 'alert.acknowledge', entity: 'alert', entityId: alert.id, details: { rule: alert.ruleId } });
      return { json: json(presentAlert(ctx, (await alerts().find(ctx.em, alert.id))!)) };
    },
  );

  r.post(
    'api.alerts.evaluate',
    '/api/v1/alerts/evaluate',
    {
      permission: 'core.alerts.evaluate',
      response: z.object({ organizations: z.number().int(), raised: z.number().int(), resolved: z.number().int() }),
      summary: "Evaluate the alert rules now for the request's organizations (what the nightly job does)",
    },
    async (ctx) => ({ json: await evaluateRequestScope(ctx, alerts()) }),
  );
}
