// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RouteContext, RouteRegistrar, RouteResult } from '../../sdk/routes';
import type { AdminServices } from './services';
import { ADMIN } from './permissions';
import { createRole, matrixOf, roles, updateMatrix } from './actions';
import { attempt, ownerLabel, type Refusal } from './page-support';
import { matrixInput, roleCreateInput } from './schemas';

type Form = Record<string, unknown>;

async function rolesPage(ctx: RouteContext, form: Form = {}, refusal: Refusal | null = null): Promise<RouteResult> {
  const list = await roles.list(ctx.em);
  return {
    view: 'core:admin/roles',
    model: {
      title: ctx.t('core:admin.roles.title'),
      roles: list.map((r) => ({ ...r, label: r.name[ctx.locale], ownerLabel: ownerLabel(ctx, r.owner) })),
      canEdit: ctx.can(ADMIN.roles),
      form,
      errors: refusal?.errors ?? [],
      saved: ctx.query.saved === '1',
    },
    status: refusal?.status ?? 200,
  };
}

/**
 * The matrix as a table, a permission per row and a role per column. `ticked`
 * (a form sent back after a refusal) shows what the administrator asked for
 * rather than what is stored.
 */
async function matrixPage(
  ctx: RouteContext,
  services: AdminServices,
  sent: { ticked: ReadonlySet<string>; version: unknown } | null = null,
  refusal: Refusal | null = null,
): Promise<RouteResult> {
  const matrix = await matrixOf(ctx, services);
  const has = (role: string, permission: string) =>
    sent ? sent.ticked.has(`${role}:${permission}`) : (matrix.grants.get(role)?.has(permission) ?? false);
  return {
    view: 'core:admin/matrix',
    model: {
      title: ctx.t('core:admin.matrix.title'),
      version: sent ? String(sent.version ?? '') : matrix.version,
      canEdit: ctx.can(ADMIN.roles),
      roles: matrix.roles.map((r) => ({ id: r.id, label: r.name[ctx.locale] })),
      permissions: matrix.permissions.map((p) => ({
        id: p.id,
        description: p.description[ctx.locale],
        ownerLabel: ownerLabel(ctx, p.owner),
        cells: matrix.roles.map((r) => ({
          value: `${r.id}:${p.id}`,
          role: r.name[ctx.locale],
          granted: has(r.id, p.id),
        })),
      })),
      errors: refusal?.errors ?? [],
      problem: refusal?.problem ?? null,
      saved: ctx.query.saved === '1',
    },
    status: refusal?.status ?? 200,
  };
}

/** Roles and the permission matrix: readable by those who check who may do what, changed by system administrators. */
export function registerRolePages(r: RouteRegistrar, services: () => AdminServices): void {
  r.get('admin.roles', '/admin/roles', { permission: ADMIN.rolesView }, (ctx) => rolesPage(ctx));

  r.post('admin.roles.create', '/admin/roles', { permission: ADMIN.roles, body: roleCreateInput }, async (ctx) => {
    const body = (ctx.body ?? {}) as Form;
    const parsed = ctx.validate(roleCreateInput, body);
    if (!parsed.ok) return rolesPage(ctx, body, { status: 422, errors: parsed.errors, problem: null });
    const refusal = await attempt(() => createRole(ctx, parsed.data));
    if (refusal) return rolesPage(ctx, body, refusal);
    return { redirect: `${ctx.url('core.admin.roles')}?saved=1` };
  });

  r.get('admin.roles.matrix', '/admin/roles/matrix', { permission: ADMIN.rolesView }, (ctx) => matrixPage(ctx, services()));

  r.post('admin.roles.matrix.update', '/admin/roles/matrix', { permission: ADMIN.roles, body: matrixInput }, async (ctx) => {
    const body = (ctx.body ?? {}) as Form;
    const parsed = ctx.validate(matrixInput, body);
    const ticked = new Set(parsed.ok ? parsed.data.grants : []);
    const again = (refusal: Refusal) => matrixPage(ctx, services(), { ticked, version: body.version }, refusal);
    if (!parsed.ok) return again({ status: 422, errors: parsed.errors, problem: null });
    // Changed meanwhile: shown afresh, since the administrator's ticks would undo someone else's change.
    if (parsed.data.version !== (await matrixOf(ctx, services())).version) {
      return matrixPage(ctx, services(), null, { status: 409, errors: [], problem: ctx.t('core:admin.roles.errors.stale') });
    }
    const refusal = await attempt(() => updateMatrix(ctx, services(), parsed.data));
    if (refusal) return again(refusal);
    return { redirect: `${ctx.url('core.admin.roles.matrix')}?saved=1` };
  });
}
