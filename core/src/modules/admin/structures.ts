// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RouteContext } from '../../sdk/routes';
import { HttpError } from '../../sdk/errors';
import type { OrganizationStructure } from '../../sdk/extension-points/organizations';
import { activatePlugins, createPlanned, planStructure, type PlannedNode } from '../organizations/structures';
import type { AdminServices } from './services';
import type { AdminReach } from './reach';

/**
 * Organization structures offered by plugins (a region's distretti and comuni, a city's municipi, the health
 * authorities' districts), as an administrator of the whole installation reviews and applies them. Applying
 * creates what is missing in one transaction, keeps what is there, refuses the whole if anything conflicts, turns
 * the structure's plugins on at its roots, and writes each creation to the audit log.
 */

export interface StructureSummary {
  readonly structure: OrganizationStructure;
  readonly plan: readonly PlannedNode[];
  readonly counts: { readonly create: number; readonly exists: number; readonly conflict: number };
}

function counts(plan: readonly PlannedNode[]): StructureSummary['counts'] {
  return {
    create: plan.filter((n) => n.status === 'create').length,
    exists: plan.filter((n) => n.status === 'exists').length,
    conflict: plan.filter((n) => n.status === 'conflict').length,
  };
}

/** Structures act on the whole installation (their roots are new trees): only its administrators see them. */
function requireInstallation(reach: AdminReach): void {
  if (!reach.installation) throw HttpError.notFound();
}

export async function structureSummaries(ctx: RouteContext, services: AdminServices, reach: AdminReach): Promise<StructureSummary[]> {
  requireInstallation(reach);
  const summaries: StructureSummary[] = [];
  for (const structure of services.structures) {
    const plan = await planStructure(ctx.em, structure.nodes);
    summaries.push({ structure, plan, counts: counts(plan) });
  }
  return summaries;
}

export async function structureSummary(
  ctx: RouteContext,
  services: AdminServices,
  reach: AdminReach,
  id: string | undefined,
): Promise<StructureSummary> {
  requireInstallation(reach);
  const structure = services.structures.find((s) => s.id === id);
  if (!structure) throw HttpError.notFound();
  const plan = await planStructure(ctx.em, structure.nodes);
  return { structure, plan, counts: counts(plan) };
}

/** Applies a structure; a conflict refuses it whole (409) before anything is written. */
export async function applyStructure(
  ctx: RouteContext,
  services: AdminServices,
  reach: AdminReach,
  id: string | undefined,
): Promise<StructureSummary & { readonly created: number }> {
  const { structure, plan } = await structureSummary(ctx, services, reach, id);
  const conflicts = plan.filter((n) => n.status === 'conflict');
  if (conflicts.length)
    throw new HttpError(
      409,
      'core:errors.409.title',
      ctx.t('core:admin.structures.conflicted', {
        count: conflicts.length,
        nodes: conflicts
          .map((n) => `${n.name} (${ctx.t(`core:admin.structures.conflicts.${n.conflict!.key}`, n.conflict!.values)})`)
          .join('; '),
      }),
    );
  const { ids, created } = await createPlanned(ctx.em, plan);
  const roots = structure.nodes.filter((n) => n.parent === undefined).map((n) => ids.get(n.code)!);
  await activatePlugins(ctx.em, roots, structure.activate ?? []);
  await ctx.audit([
    ...created.map((c) => ({
      action: 'organization.create',
      entity: 'organization',
      entityId: c.id,
      details: { code: c.code, structure: structure.id },
    })),
    { action: 'organization.structure.apply', details: { structure: structure.id, created: created.length } },
    ...roots.flatMap((root) =>
      (structure.activate ?? []).map((plugin) => ({
        action: 'organization.plugin',
        entity: 'organization',
        entityId: root,
        details: { plugin, state: 'on', structure: structure.id },
      })),
    ),
  ]);
  services.organizations.invalidate();
  services.activation.invalidate();
  const after = await planStructure(ctx.em, structure.nodes);
  return { structure, plan: after, counts: counts(after), created: created.length };
}
