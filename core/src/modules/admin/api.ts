// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from 'zod';
import type { RouteContext, RouteRegistrar } from '../../sdk/routes';
import type { AdminServices } from './services';
import type { AdminOrganization } from './organizations';
import type { OperatorDetail } from './operators';
import { ADMIN } from './permissions';
import { reachOf } from './reach';
import { applyStructure, structureSummaries, structureSummary, type StructureSummary } from './structures';
import {
  addMembership,
  choosePlugin,
  createOperator,
  createOrganization,
  createRole,
  endOperatorSessions,
  matrixOf,
  operators,
  organizations,
  removeMembership,
  renameOrganization,
  setOperatorActive,
  statesOf,
  unlockOperator,
  updateMatrix,
  visibleOperator,
  visibleOrganization,
  type MatrixView,
} from './actions';
import {
  matrixInput,
  matrixOutput,
  membershipInput,
  membershipOutput,
  operatorCreateInput,
  operatorOutput,
  operatorSearchQuery,
  operatorStatusInput,
  organizationCreateInput,
  organizationOutput,
  organizationUpdateInput,
  pluginChoiceInput,
  pluginStateOutput,
  roleCreateInput,
  roleOutput,
  structureOutput,
  type MatrixUpdate,
  type MembershipCreate,
  type OperatorCreate,
  type OperatorSearch,
  type OrganizationCreate,
  type RoleCreate,
} from './schemas';

const organizationJson = (o: AdminOrganization): z.input<typeof organizationOutput> => ({
  id: o.id,
  code: o.code,
  name: o.name,
  kind: o.kind,
  subkind: o.subkind,
  parentId: o.parentId,
  istatCode: o.istatCode,
  belfioreCode: o.belfioreCode,
});

const operatorJson = (o: OperatorDetail): z.input<typeof operatorOutput> => ({
  id: o.id,
  username: o.username,
  displayName: o.displayName,
  email: o.email,
  active: o.active,
  lockedUntil: o.lockedUntil ? new Date(o.lockedUntil).toISOString() : null,
  failedAttempts: o.failedAttempts,
  activeSessions: o.activeSessions,
  memberships: o.memberships.map((m) => ({
    id: m.id,
    organizationId: m.organizationId,
    organizationName: m.organizationName,
    roleId: m.roleId,
    roleName: m.roleName,
  })),
  elsewhere: o.elsewhere,
});

const matrixJson = (m: MatrixView): z.input<typeof matrixOutput> => ({
  version: m.version,
  roles: m.roles.map((r) => ({ ...r, permissions: [...(m.grants.get(r.id) ?? [])].sort() })),
  permissions: m.permissions,
});

const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/** The administration's JSON API under /api/v1/admin: the same operations, fences and schemas as the pages. */
export function registerAdminApi(r: RouteRegistrar, services: () => AdminServices): void {
  const orgs = ADMIN.organizations;
  const ops = ADMIN.operators;
  /** The operator a path names, as the request's reach sees it. */
  const operatorOf = async (ctx: RouteContext) => visibleOperator(ctx, await reachOf(ctx), ctx.params.id);
  const reread = async (ctx: RouteContext, id: string) => operatorJson(await visibleOperator(ctx, await reachOf(ctx), id));

  r.get(
    'api.admin.organizations',
    '/api/v1/admin/organizations',
    { permission: orgs, response: items(organizationOutput), summary: 'The organizations the caller administers' },
    async (ctx) => ({ json: { items: (await organizations.list(ctx.em, await reachOf(ctx))).map(organizationJson) } }),
  );
  r.post(
    'api.admin.organizations.create',
    '/api/v1/admin/organizations',
    {
      permission: orgs,
      body: organizationCreateInput,
      response: organizationOutput,
      summary: 'Create an organization under one the caller administers',
    },
    async (ctx) => ({
      json: organizationJson(await createOrganization(ctx, services(), await reachOf(ctx), ctx.body as OrganizationCreate)),
      status: 201,
    }),
  );
  r.get(
    'api.admin.organizations.show',
    '/api/v1/admin/organizations/:id',
    { permission: orgs, response: organizationOutput, summary: 'Read an organization' },
    async (ctx) => ({ json: organizationJson(await visibleOrganization(ctx, await reachOf(ctx), ctx.params.id)) }),
  );
  r.patch(
    'api.admin.organizations.update',
    '/api/v1/admin/organizations/:id',
    { permission: orgs, body: organizationUpdateInput, response: organizationOutput, summary: 'Rename an organization' },
    async (ctx) => {
      const organization = await visibleOrganization(ctx, await reachOf(ctx), ctx.params.id);
      const { name } = ctx.body as z.output<typeof organizationUpdateInput>;
      await renameOrganization(ctx, organization, name);
      return { json: organizationJson({ ...organization, name }) };
    },
  );
  const structureJson = (ctx: RouteContext, s: StructureSummary): z.input<typeof structureOutput> => ({
    id: s.structure.id,
    title: ctx.t(s.structure.titleKey),
    description: s.structure.descriptionKey ? ctx.t(s.structure.descriptionKey) : null,
    activate: [...(s.structure.activate ?? [])],
    counts: s.counts,
    nodes: s.plan.map((n) => ({
      code: n.code,
      name: n.name,
      kind: n.kind,
      subkind: n.subkind ?? null,
      parent: n.parent ?? null,
      belfioreCode: n.belfiore ?? null,
      status: n.status,
      organizationId: n.organizationId,
      conflict: n.conflict ? ctx.t(`core:admin.structures.conflicts.${n.conflict.key}`, n.conflict.values) : null,
    })),
  });
  r.get(
    'api.admin.structures',
    '/api/v1/admin/structures',
    {
      permission: orgs,
      response: items(structureOutput),
      summary:
        'The organization structures the enabled plugins offer, each read against the installation (whole-installation administrators)',
    },
    async (ctx) => ({
      json: { items: (await structureSummaries(ctx, services(), await reachOf(ctx))).map((s) => structureJson(ctx, s)) },
    }),
  );
  r.get(
    'api.admin.structures.show',
    '/api/v1/admin/structures/:id',
    { permission: orgs, response: structureOutput, summary: 'One organization structure: what applying it would create, keep or refuse' },
    async (ctx) => ({ json: structureJson(ctx, await structureSummary(ctx, services(), await reachOf(ctx), ctx.params.id)) }),
  );
  r.post(
    'api.admin.structures.apply',
    '/api/v1/admin/structures/:id/apply',
    {
      permission: orgs,
      response: structureOutput,
      summary:
        'Apply an organization structure: create what is missing, keep what is there, turn its plugins on at its roots (409 on a conflict)',
    },
    async (ctx) => ({ json: structureJson(ctx, await applyStructure(ctx, services(), await reachOf(ctx), ctx.params.id)) }),
  );
  r.get(
    'api.admin.organizations.plugins',
    '/api/v1/admin/organizations/:id/plugins',
    { permission: orgs, response: items(pluginStateOutput), summary: "Every enabled plugin's state for an organization" },
    async (ctx) => {
      const organization = await visibleOrganization(ctx, await reachOf(ctx), ctx.params.id);
      return { json: { items: await statesOf(ctx, services(), organization) } };
    },
  );
  r.put(
    'api.admin.organizations.plugin',
    '/api/v1/admin/organizations/:id/plugins/:plugin',
    {
      permission: orgs,
      body: pluginChoiceInput,
      response: pluginStateOutput,
      summary: 'Turn a plugin on or off for an organization and what inherits from it, or let it inherit',
    },
    async (ctx) => {
      const organization = await visibleOrganization(ctx, await reachOf(ctx), ctx.params.id);
      const { state } = ctx.body as z.output<typeof pluginChoiceInput>;
      return { json: await choosePlugin(ctx, services(), organization, ctx.params.plugin, state) };
    },
  );

  r.get(
    'api.admin.operators',
    '/api/v1/admin/operators',
    {
      permission: ops,
      query: operatorSearchQuery,
      response: z.object({ items: z.array(z.unknown()), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }),
      summary: 'Operators holding a membership the caller administers, by username or name',
    },
    async (ctx) => {
      const q = ctx.query as OperatorSearch;
      const result = await operators.search(ctx.em, await reachOf(ctx), q);
      await ctx.audit({ action: 'operator.search', entity: 'operator', details: { results: result.total } });
      return { json: { ...result, page: q.page, pageSize: q.pageSize } };
    },
  );
  r.post(
    'api.admin.operators.create',
    '/api/v1/admin/operators',
    { permission: ops, body: operatorCreateInput, response: operatorOutput, summary: 'Create an operator with a first membership' },
    async (ctx) => {
      const id = await createOperator(ctx, await reachOf(ctx), ctx.body as OperatorCreate);
      return { json: await reread(ctx, id), status: 201 };
    },
  );
  r.get(
    'api.admin.operators.show',
    '/api/v1/admin/operators/:id',
    { permission: ops, response: operatorOutput, summary: 'Read an operator and the memberships the caller administers' },
    async (ctx) => {
      const operator = await operatorOf(ctx);
      await ctx.audit({ action: 'operator.read', entity: 'operator', entityId: operator.id });
      return { json: operatorJson(operator) };
    },
  );
  r.post(
    'api.admin.operators.memberships.create',
    '/api/v1/admin/operators/:id/memberships',
    { permission: ops, body: membershipInput, response: membershipOutput, summary: 'Give an operator a role in an organization' },
    async (ctx) => {
      const reach = await reachOf(ctx);
      const operator = await visibleOperator(ctx, reach, ctx.params.id);
      const id = await addMembership(ctx, reach, operator, ctx.body as MembershipCreate);
      const membership = (await operators.membership(ctx.em, operator.id, id))!;
      return { json: { ...membership }, status: 201 };
    },
  );
  r.delete(
    'api.admin.operators.memberships.remove',
    '/api/v1/admin/operators/:id/memberships/:membershipId',
    {
      permission: ops,
      response: operatorOutput,
      summary: "Remove a membership; the sessions and API tokens acting in it stop (answers the operator's remaining memberships)",
    },
    async (ctx) => {
      const reach = await reachOf(ctx);
      const operator = await visibleOperator(ctx, reach, ctx.params.id);
      await removeMembership(ctx, reach, operator, ctx.params.membershipId);
      const after = await operators.find(ctx.em, reach, operator.id);
      // With its last membership here gone, the operator is out of the caller's reach.
      return { json: after ? operatorJson(after) : { ...operatorJson(operator), memberships: [] } };
    },
  );
  r.put(
    'api.admin.operators.status',
    '/api/v1/admin/operators/:id/status',
    {
      permission: ops,
      body: operatorStatusInput,
      response: operatorOutput,
      summary: 'Deactivate (ending its sessions) or reactivate an operator',
    },
    async (ctx) => {
      const reach = await reachOf(ctx);
      const operator = await visibleOperator(ctx, reach, ctx.params.id);
      await setOperatorActive(ctx, services(), reach, operator, (ctx.body as z.output<typeof operatorStatusInput>).active);
      return { json: await reread(ctx, operator.id) };
    },
  );
  r.post(
    'api.admin.operators.unlock',
    '/api/v1/admin/operators/:id/unlock',
    { permission: ops, response: operatorOutput, summary: 'Unlock an account locked by failed sign-ins' },
    async (ctx) => {
      const reach = await reachOf(ctx);
      const operator = await visibleOperator(ctx, reach, ctx.params.id);
      await unlockOperator(ctx, reach, operator);
      return { json: await reread(ctx, operator.id) };
    },
  );
  r.post(
    'api.admin.operators.sessions.end',
    '/api/v1/admin/operators/:id/sessions/end',
    { permission: ops, response: z.object({ ended: z.number().int() }), summary: "End all of an operator's sessions" },
    async (ctx) => {
      const reach = await reachOf(ctx);
      const operator = await visibleOperator(ctx, reach, ctx.params.id);
      return { json: { ended: await endOperatorSessions(ctx, services(), reach, operator) } };
    },
  );

  r.get(
    'api.admin.roles',
    '/api/v1/admin/roles',
    { permission: ADMIN.rolesView, response: items(roleOutput), summary: 'Roles with the permissions each holds' },
    async (ctx) => ({ json: { items: matrixJson(await matrixOf(ctx, services())).roles } }),
  );
  r.post(
    'api.admin.roles.create',
    '/api/v1/admin/roles',
    { permission: ADMIN.roles, body: roleCreateInput, response: roleOutput, summary: 'Create a role (with no permissions yet)' },
    async (ctx) => {
      const input = ctx.body as RoleCreate;
      await createRole(ctx, input);
      return { json: { id: input.id, owner: 'installation', name: { it: input.nameIt, en: input.nameEn }, permissions: [] }, status: 201 };
    },
  );
  r.get(
    'api.admin.matrix',
    '/api/v1/admin/matrix',
    { permission: ADMIN.rolesView, response: matrixOutput, summary: 'The role → permission matrix, with its version' },
    async (ctx) => ({ json: matrixJson(await matrixOf(ctx, services())) }),
  );
  r.put(
    'api.admin.matrix.update',
    '/api/v1/admin/matrix',
    {
      permission: ADMIN.roles,
      body: matrixInput,
      response: matrixOutput,
      summary: 'Set the matrix to exactly these grants (409 when the version is stale or nobody could administer any more)',
    },
    async (ctx) => {
      await updateMatrix(ctx, services(), ctx.body as MatrixUpdate);
      return { json: matrixJson(await matrixOf(ctx, services())) };
    },
  );
}
