// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RouteContext } from '../../sdk/routes';
import { HttpError, type FieldError } from '../../sdk/errors';
import { ANONYMOUS } from '../operators/roles';
import type { AdminServices } from './services';
import { OrganizationDirectory, type AdminOrganization } from './organizations';
import { OperatorDirectory, type OperatorDetail } from './operators';
import { RoleDirectory, matrixVersion, type AdminRole, type Grants } from './roles';
import { pluginStates, type PluginState } from './plugins';
import { reaches, type AdminReach } from './reach';
import {
  ALLOWED_PARENTS,
  GRANT,
  type MatrixUpdate,
  type MembershipCreate,
  type OperatorCreate,
  type OrganizationCreate,
  type RoleCreate,
} from './schemas';

/**
 * The administration's operations as routes perform them, shared by the pages
 * and the API: the fences (reach, reserved roles, lockout), the change, the
 * cache invalidation and the audit entry, so both answer alike. Everything
 * that can refuse does so before the first write.
 */

export const organizations = new OrganizationDirectory();
export const operators = new OperatorDirectory();
export const roles = new RoleDirectory();

const field = (ctx: RouteContext, name: string, key: string, options: Record<string, unknown> = {}): FieldError => ({
  field: name,
  message: ctx.t(key, options),
});

/** A refusal whose reason the operator reads, in their language. */
function refuse(ctx: RouteContext, status: 403 | 409, key: string, options: Record<string, unknown> = {}): HttpError {
  return new HttpError(status, `core:errors.${status}.title`, ctx.t(key, options));
}

const listOf = (ids: readonly string[]): string => ids.join(', ');

// Organizations

/** An organization within the reach, or 404: one outside it does not exist for the request. */
export async function visibleOrganization(ctx: RouteContext, reach: AdminReach, id: string | undefined): Promise<AdminOrganization> {
  const organization = await organizations.find(ctx.em, reach, id);
  if (!organization) throw HttpError.notFound();
  return organization;
}

export async function createOrganization(
  ctx: RouteContext,
  services: AdminServices,
  reach: AdminReach,
  input: OrganizationCreate,
): Promise<AdminOrganization> {
  const errors: FieldError[] = [];
  const parent = input.parentId ? await organizations.find(ctx.em, reach, input.parentId) : null;
  if (input.parentId && !parent) errors.push(field(ctx, 'parentId', 'core:admin.organizations.errors.parent'));
  // Only an administrator of the whole installation starts a new tree.
  if (!input.parentId && !reach.installation) errors.push(field(ctx, 'parentId', 'core:admin.organizations.errors.parentRequired'));
  if ((parent || !input.parentId) && !ALLOWED_PARENTS[input.kind].includes(parent?.kind ?? null)) {
    errors.push(
      parent
        ? field(ctx, 'kind', 'core:admin.organizations.errors.kindUnder', {
            kind: ctx.t(`core:admin.organizations.kinds.${input.kind}`),
            parent: ctx.t(`core:admin.organizations.kinds.${parent.kind}`),
          })
        : field(ctx, 'kind', 'core:admin.organizations.errors.kindRoot', { kind: ctx.t(`core:admin.organizations.kinds.${input.kind}`) }),
    );
  }
  if (await organizations.codeTaken(ctx.em, input.code)) errors.push(field(ctx, 'code', 'core:admin.organizations.errors.codeTaken'));
  let istatCode: string | null = null;
  if (input.kind === 'comune' && input.belfioreCode) {
    const comune = await organizations.comune(ctx.em, input.belfioreCode);
    if (!comune) errors.push(field(ctx, 'belfioreCode', 'core:admin.organizations.errors.unknownComune'));
    else if (await organizations.comuneTaken(ctx.em, input.belfioreCode))
      errors.push(field(ctx, 'belfioreCode', 'core:admin.organizations.errors.comuneTaken', { name: comune.name }));
    istatCode = comune?.istatCode ?? null;
  }
  if (errors.length) throw HttpError.invalid(errors);
  const id = await organizations.create(ctx.em, input, istatCode);
  // Subtrees are cached: without this, the new organization would be out of reach here for a few seconds.
  services.organizations.invalidate();
  await ctx.audit({
    action: 'organization.create',
    entity: 'organization',
    entityId: id,
    details: { code: input.code, kind: input.kind, parent: input.parentId ?? null },
  });
  return {
    id,
    code: input.code,
    name: input.name,
    kind: input.kind,
    subkind: input.subkind ?? null,
    parentId: input.parentId ?? null,
    istatCode,
    belfioreCode: input.belfioreCode ?? null,
  };
}

export async function renameOrganization(ctx: RouteContext, organization: AdminOrganization, name: string): Promise<void> {
  if (name === organization.name) return;
  await organizations.rename(ctx.em, organization.id, name);
  // Organization names are not personal data: the entry keeps both, so the log reads without the tree's history.
  await ctx.audit({
    action: 'organization.update',
    entity: 'organization',
    entityId: organization.id,
    details: { field: 'name', from: organization.name, to: name },
  });
}

export async function statesOf(ctx: RouteContext, services: AdminServices, organization: AdminOrganization): Promise<PluginState[]> {
  return pluginStates(ctx.em, services, organizations, organization.id, ctx.locale);
}

/** Turns an enabled plugin on or off for the organization (and the part of its subtree that inherits), or back to inheriting. */
export async function choosePlugin(
  ctx: RouteContext,
  services: AdminServices,
  organization: AdminOrganization,
  pluginId: string | undefined,
  state: 'inherit' | 'on' | 'off',
): Promise<PluginState> {
  const plugin = services.plugins.find((p) => p.id === pluginId);
  if (!plugin) throw HttpError.notFound();
  if (state === 'inherit') await services.organizations.clearPluginChoice(ctx.em, organization.id, plugin.id);
  else await services.organizations.setPluginActive(ctx.em, organization.id, plugin.id, state === 'on');
  await ctx.audit({
    action: 'organization.plugin',
    entity: 'organization',
    entityId: organization.id,
    details: { plugin: plugin.id, state },
  });
  return (await statesOf(ctx, services, organization)).find((s) => s.id === plugin.id)!;
}

// Operators and memberships

/** An operator holding a membership within the reach (any, for the whole installation), or 404. */
export async function visibleOperator(ctx: RouteContext, reach: AdminReach, id: string | undefined): Promise<OperatorDetail> {
  const operator = await operators.find(ctx.em, reach, id);
  if (!operator) throw HttpError.notFound();
  return operator;
}

/** Roles only an administrator of the whole installation grants or takes away. */
export async function reservedRoles(ctx: RouteContext): Promise<ReadonlySet<string>> {
  return roles.reserved(await roles.grants(ctx.em));
}

/**
 * Whether the request may change the account itself (its status, lock and sessions): always on the whole
 * installation; within a subtree, only for an account wholly inside it and holding no reserved role.
 */
export function mayChangeAccount(
  reach: AdminReach,
  operator: OperatorDetail,
  reserved: ReadonlySet<string>,
): 'yes' | 'elsewhere' | 'reserved' {
  if (reach.installation) return 'yes';
  if (operator.elsewhere) return 'elsewhere';
  return operator.memberships.some((m) => reserved.has(m.roleId)) ? 'reserved' : 'yes';
}

/** Roles the request may grant: never the visitor's; the reserved ones only on the whole installation. */
export async function grantableRoles(ctx: RouteContext, reach: AdminReach): Promise<AdminRole[]> {
  const reserved = await reservedRoles(ctx);
  return (await roles.list(ctx.em)).filter((r) => r.id !== ANONYMOUS && (reach.installation || !reserved.has(r.id)));
}

/** What is wrong with granting this role in this organization; empty when the request may. */
async function grantProblems(ctx: RouteContext, reach: AdminReach, input: MembershipCreate): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (!(await organizations.find(ctx.em, reach, input.organizationId)))
    errors.push(field(ctx, 'organizationId', 'core:admin.memberships.errors.organization'));
  if (input.roleId === ANONYMOUS || !(await roles.exists(ctx.em, input.roleId))) {
    errors.push(field(ctx, 'roleId', 'core:admin.memberships.errors.role'));
  } else if (!reach.installation && (await reservedRoles(ctx)).has(input.roleId)) {
    errors.push(field(ctx, 'roleId', 'core:admin.memberships.errors.reservedRole'));
  }
  return errors;
}

async function auditMembership(ctx: RouteContext, action: string, id: string, operatorId: string, input: MembershipCreate, extra = {}) {
  await ctx.audit({
    action,
    entity: 'membership',
    entityId: id,
    details: { operator: operatorId, organization: input.organizationId, role: input.roleId, ...extra },
  });
}

export async function createOperator(ctx: RouteContext, reach: AdminReach, input: OperatorCreate): Promise<string> {
  const errors = await grantProblems(ctx, reach, input);
  if (await operators.usernameTaken(ctx.em, input.username)) errors.unshift(field(ctx, 'username', 'core:admin.operators.errors.taken'));
  if (errors.length) throw HttpError.invalid(errors);
  const id = await operators.create(ctx.em, input);
  const membership = (await operators.addMembership(ctx.em, id, input.organizationId, input.roleId))!;
  await ctx.audit({ action: 'operator.create', entity: 'operator', entityId: id, details: { username: input.username } });
  await auditMembership(ctx, 'membership.create', membership, id, input);
  return id;
}

export async function addMembership(
  ctx: RouteContext,
  reach: AdminReach,
  operator: OperatorDetail,
  input: MembershipCreate,
): Promise<string> {
  const errors = await grantProblems(ctx, reach, input);
  if (errors.length) throw HttpError.invalid(errors);
  const id = await operators.addMembership(ctx.em, operator.id, input.organizationId, input.roleId);
  if (!id) throw HttpError.invalid([field(ctx, 'roleId', 'core:admin.memberships.errors.held')]);
  await auditMembership(ctx, 'membership.create', id, operator.id, input);
  return id;
}

/** Refuses when the change would leave a guarded permission with no active operator holding it. */
async function guardLockout(ctx: RouteContext, without: { operatorId?: string; membershipId?: string }): Promise<void> {
  const before = new Set(await roles.orphanedWithout(ctx.em, {}));
  const lost = (await roles.orphanedWithout(ctx.em, without)).filter((p) => !before.has(p));
  if (lost.length) throw refuse(ctx, 409, 'core:admin.errors.lockout', { permissions: listOf(lost) });
}

export async function removeMembership(
  ctx: RouteContext,
  reach: AdminReach,
  operator: OperatorDetail,
  membershipId: string | undefined,
): Promise<void> {
  const membership = await operators.membership(ctx.em, operator.id, membershipId);
  if (!membership || !reaches(reach, membership.organizationId)) throw HttpError.notFound();
  if (!reach.installation && (await reservedRoles(ctx)).has(membership.roleId))
    throw refuse(ctx, 403, 'core:admin.memberships.errors.reservedRemove');
  // The one this request acts in: removing it would pull the ground from under the operator's own session.
  const own =
    operator.id === ctx.operator?.id && membership.organizationId === ctx.org?.id && ctx.operator.roles.includes(membership.roleId);
  if (own) throw refuse(ctx, 409, 'core:admin.memberships.errors.own');
  await guardLockout(ctx, { membershipId: membership.id });
  const stopped = await operators.removeMembership(ctx.em, membership.id);
  await auditMembership(
    ctx,
    'membership.delete',
    membership.id,
    operator.id,
    { organizationId: membership.organizationId, roleId: membership.roleId },
    { sessionsEnded: stopped.sessions, tokensRevoked: stopped.tokens },
  );
}

/**
 * Changes to the account itself reach every organization it works in: an
 * administrator of a subtree makes them only for accounts wholly inside it,
 * and never for one holding a reserved role.
 */
async function assertWholeAccount(ctx: RouteContext, reach: AdminReach, operator: OperatorDetail): Promise<void> {
  if (reach.installation) return;
  const may = mayChangeAccount(reach, operator, await reservedRoles(ctx));
  if (may !== 'yes') throw refuse(ctx, 403, `core:admin.operators.errors.${may}`);
}

export async function setOperatorActive(
  ctx: RouteContext,
  services: AdminServices,
  reach: AdminReach,
  operator: OperatorDetail,
  active: boolean,
): Promise<void> {
  await assertWholeAccount(ctx, reach, operator);
  if (operator.active === active) return;
  if (!active) {
    if (operator.id === ctx.operator?.id) throw refuse(ctx, 409, 'core:admin.operators.errors.self');
    await guardLockout(ctx, { operatorId: operator.id });
  }
  await operators.setActive(ctx.em, operator.id, active);
  // A deactivated account's sessions and tokens already fail (only active operators resolve); ending them makes it plain.
  const ended = active ? 0 : await services.sessions.endAll(ctx.em, operator.id);
  await ctx.audit({
    action: active ? 'operator.reactivate' : 'operator.deactivate',
    entity: 'operator',
    entityId: operator.id,
    details: active ? {} : { sessionsEnded: ended },
  });
}

export async function unlockOperator(ctx: RouteContext, reach: AdminReach, operator: OperatorDetail): Promise<void> {
  await assertWholeAccount(ctx, reach, operator);
  await operators.unlock(ctx.em, operator.id);
  await ctx.audit({
    action: 'operator.unlock',
    entity: 'operator',
    entityId: operator.id,
    details: { failedAttempts: operator.failedAttempts },
  });
}

export async function endOperatorSessions(
  ctx: RouteContext,
  services: AdminServices,
  reach: AdminReach,
  operator: OperatorDetail,
): Promise<number> {
  await assertWholeAccount(ctx, reach, operator);
  const ended = await services.sessions.endAll(ctx.em, operator.id);
  await ctx.audit({ action: 'operator.sessions-end', entity: 'operator', entityId: operator.id, details: { sessionsEnded: ended } });
  return ended;
}

// Roles and the matrix

export async function createRole(ctx: RouteContext, input: RoleCreate): Promise<void> {
  if (!(await roles.create(ctx.em, input))) throw HttpError.invalid([field(ctx, 'id', 'core:admin.roles.errors.taken')]);
  await ctx.audit({ action: 'role.create', entity: 'role', entityId: input.id, details: { nameIt: input.nameIt, nameEn: input.nameEn } });
}

export interface MatrixView {
  readonly version: string;
  readonly roles: AdminRole[];
  readonly permissions: { readonly id: string; readonly owner: string; readonly description: { it: string; en: string } }[];
  readonly grants: Grants;
}

/** The matrix over the roles in the database and the permissions this installation knows (core's and the enabled plugins'). */
export async function matrixOf(ctx: RouteContext, services: AdminServices): Promise<MatrixView> {
  const grants = await roles.grants(ctx.em);
  const permissions = services.permissions
    .all()
    .map((p) => ({ id: p.id, owner: p.owner, description: p.description }))
    .sort((a, b) => Number(a.owner !== 'core') - Number(b.owner !== 'core') || a.owner.localeCompare(b.owner) || a.id.localeCompare(b.id));
  return { version: matrixVersion(grants), roles: await roles.list(ctx.em), permissions, grants };
}

/**
 * Makes the matrix hold exactly the grants asked for, over the roles and
 * permissions it shows (grants of permissions of plugins not enabled here are
 * kept). Refuses a stale version, unknown grants, visitors given what was
 * not declared for them, and any change that would leave nobody able to administer.
 */
export async function updateMatrix(
  ctx: RouteContext,
  services: AdminServices,
  input: MatrixUpdate,
): Promise<{ added: number; removed: number }> {
  const matrix = await matrixOf(ctx, services);
  if (input.version && input.version !== matrix.version) throw refuse(ctx, 409, 'core:admin.roles.errors.stale');
  const roleIds = new Set(matrix.roles.map((r) => r.id));
  const permissionIds = new Set(matrix.permissions.map((p) => p.id));
  const publicPermissions = new Set(
    services.permissions
      .all()
      .filter((p) => p.defaultRoles.includes(ANONYMOUS))
      .map((p) => p.id),
  );
  const wanted = new Map<string, Set<string>>();
  const errors: FieldError[] = [];
  for (const grant of new Set(input.grants)) {
    const [, role = '', permission = ''] = GRANT.exec(grant) ?? [];
    if (!roleIds.has(role) || !permissionIds.has(permission)) {
      errors.push(field(ctx, 'grants', 'core:admin.roles.errors.unknownGrant', { grant }));
    } else if (role === ANONYMOUS && !publicPermissions.has(permission) && !matrix.grants.get(ANONYMOUS)?.has(permission)) {
      // Visitors get only what a permission's declaration meant for them: pages without personal data.
      errors.push(field(ctx, 'grants', 'core:admin.roles.errors.anonymous', { permission }));
    } else {
      let set = wanted.get(role);
      if (!set) wanted.set(role, (set = new Set()));
      set.add(permission);
    }
  }
  if (errors.length) throw HttpError.invalid(errors.slice(0, 1));
  const add: [string, string][] = [];
  const remove: [string, string][] = [];
  const next = new Map<string, Set<string>>();
  for (const role of roleIds) {
    const has = matrix.grants.get(role) ?? new Set<string>();
    const want = wanted.get(role) ?? new Set<string>();
    for (const p of want) if (!has.has(p)) add.push([role, p]);
    for (const p of has) if (permissionIds.has(p) && !want.has(p)) remove.push([role, p]);
    next.set(role, new Set([...[...has].filter((p) => !permissionIds.has(p)), ...want]));
  }
  const held = await roles.heldRoles(ctx.em);
  const before = new Set(roles.orphanedUnder(matrix.grants, held));
  const lost = roles.orphanedUnder(next, held).filter((p) => !before.has(p));
  if (lost.length) throw refuse(ctx, 409, 'core:admin.errors.lockout', { permissions: listOf(lost) });
  await roles.apply(ctx.em, { add, remove });
  services.matrix.invalidate();
  for (const [role, permission] of add) await ctx.audit({ action: 'role.grant', entity: 'role', entityId: role, details: { permission } });
  for (const [role, permission] of remove)
    await ctx.audit({ action: 'role.revoke', entity: 'role', entityId: role, details: { permission } });
  return { added: add.length, removed: remove.length };
}
