// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RouteContext, RouteRegistrar, RouteResult } from '../../sdk/routes';
import type { AdminServices } from './services';
import { ADMIN } from './permissions';
import { reachOf } from './reach';
import { attempt, kindLabel, subkindLabel, type Refusal } from './page-support';
import { applyStructure, structureSummaries, structureSummary, type StructureSummary } from './structures';
import type { PlannedNode } from '../organizations/structures';

const nodeView = (ctx: RouteContext, n: PlannedNode, byCode: ReadonlyMap<string, string>) => ({
  code: n.code,
  name: n.name,
  kindLabel: kindLabel(ctx, n.kind),
  subkindLabel: subkindLabel(ctx, n.subkind ?? null),
  parent: n.parent ? (byCode.get(n.parent) ?? n.parent) : null,
  belfiore: n.belfiore ?? null,
  comuneName: n.comuneName,
  status: n.status,
  statusLabel: ctx.t(`core:admin.structures.status.${n.status}`),
  conflict: n.conflict ? ctx.t(`core:admin.structures.conflicts.${n.conflict.key}`, n.conflict.values) : null,
  href: n.organizationId ? ctx.url('core.admin.organizations.show', { id: n.organizationId }) : null,
});

function showPage(
  ctx: RouteContext,
  summary: StructureSummary,
  refusal: Refusal | null = null,
  applied: string | null = null,
): RouteResult {
  const byCode = new Map(summary.structure.nodes.map((n) => [n.code, n.name]));
  return {
    view: 'core:admin/structure',
    model: {
      title: ctx.t(summary.structure.titleKey),
      description: summary.structure.descriptionKey ? ctx.t(summary.structure.descriptionKey) : null,
      id: summary.structure.id,
      counts: summary.counts,
      nodes: summary.plan.map((n) => nodeView(ctx, n, byCode)),
      activate: (summary.structure.activate ?? []).join(', '),
      canApply: summary.counts.create > 0 && summary.counts.conflict === 0,
      applied,
      problem: refusal?.problem ?? null,
    },
    status: refusal?.status ?? 200,
  };
}

/** The structures' pages, for administrators of the whole installation: the list, one structure's plan, applying it. */
export function registerStructurePages(r: RouteRegistrar, services: () => AdminServices): void {
  const permission = ADMIN.organizations;

  r.get('admin.structures', '/admin/structures', { permission }, async (ctx) => {
    const summaries = await structureSummaries(ctx, services(), await reachOf(ctx));
    return {
      view: 'core:admin/structures',
      model: {
        title: ctx.t('core:admin.structures.title'),
        structures: summaries.map((s) => ({
          title: ctx.t(s.structure.titleKey),
          description: s.structure.descriptionKey ? ctx.t(s.structure.descriptionKey) : null,
          href: ctx.url('core.admin.structures.show', { id: s.structure.id }),
          total: s.plan.length,
          counts: s.counts,
        })),
      },
    };
  });

  r.get('admin.structures.show', '/admin/structures/:id', { permission }, async (ctx) => {
    const summary = await structureSummary(ctx, services(), await reachOf(ctx), ctx.params.id);
    const applied = typeof ctx.query.applied === 'string' ? ctx.query.applied : undefined;
    return showPage(
      ctx,
      summary,
      null,
      applied === undefined ? null : ctx.t('core:admin.structures.applied', { count: Number(applied) || 0 }),
    );
  });

  r.post('admin.structures.apply', '/admin/structures/:id/apply', { permission }, async (ctx) => {
    const reach = await reachOf(ctx);
    let created = 0;
    const refusal = await attempt(async () => (created = (await applyStructure(ctx, services(), reach, ctx.params.id)).created));
    if (refusal) return showPage(ctx, await structureSummary(ctx, services(), reach, ctx.params.id), refusal);
    return { redirect: `${ctx.url('core.admin.structures.show', { id: ctx.params.id! })}?applied=${created}` };
  });
}
