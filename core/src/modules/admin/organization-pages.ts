// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RouteContext, RouteRegistrar, RouteResult } from '../../sdk/routes';
import { HttpError } from '../../sdk/errors';
import type { AdminServices } from './services';
import type { AdminOrganization } from './organizations';
import { ADMIN } from './permissions';
import { reachOf, type AdminReach } from './reach';
import { themeSection } from './themes';
import { choosePlugin, createOrganization, organizations, renameOrganization, statesOf, visibleOrganization } from './actions';
import { ALL_KINDS, attempt, kindLabel, kindOptions, subkindLabel, subkindOptions, type Refusal } from './page-support';
import { ALLOWED_PARENTS, PLUGIN_STATES, organizationCreateInput, organizationUpdateInput, pluginChoiceInput } from './schemas';

interface TreeNode {
  readonly id: string;
  readonly name: string;
  readonly code: string;
  readonly kindLabel: string;
  readonly subkindLabel: string | null;
  readonly istatCode: string | null;
  readonly belfioreCode: string | null;
  readonly href: string;
  readonly children: TreeNode[];
}

/** The organizations within reach as a tree: its roots are those whose parent is out of reach (or none). */
function treeOf(ctx: RouteContext, list: readonly AdminOrganization[]): TreeNode[] {
  const ids = new Set(list.map((o) => o.id));
  const nodes = new Map<string, TreeNode>(
    list.map((o) => [
      o.id,
      {
        id: o.id,
        name: o.name,
        code: o.code,
        kindLabel: kindLabel(ctx, o.kind),
        subkindLabel: subkindLabel(ctx, o.subkind),
        istatCode: o.istatCode,
        belfioreCode: o.belfioreCode,
        href: ctx.url('core.admin.organizations.show', { id: o.id }),
        children: [],
      },
    ]),
  );
  const roots: TreeNode[] = [];
  for (const o of list) {
    const node = nodes.get(o.id)!;
    if (o.parentId && ids.has(o.parentId)) nodes.get(o.parentId)!.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** Kinds that may sit under the organization (or at the root, for `null`). */
const childKinds = (parentKind: AdminOrganization['kind'] | null) => ALL_KINDS.filter((k) => ALLOWED_PARENTS[k].includes(parentKind));

type Form = Record<string, unknown>;

/** What a redirect after a change may ask the page to confirm. */
const SAVED = ['created', 'renamed', 'plugin', 'theme'] as const;

async function listPage(ctx: RouteContext, reach: AdminReach, form: Form = {}, refusal: Refusal | null = null): Promise<RouteResult> {
  const list = await organizations.list(ctx.em, reach);
  return {
    view: 'core:admin/organizations',
    model: {
      title: ctx.t('core:admin.organizations.title'),
      tree: treeOf(ctx, list),
      count: list.length,
      canCreateRoot: reach.installation,
      form,
      kinds: kindOptions(ctx, childKinds(null), form.kind),
      subkinds: subkindOptions(ctx, form.subkind),
      errors: refusal?.errors ?? [],
      problem: refusal?.problem ?? null,
    },
    status: refusal?.status ?? 200,
  };
}

interface ShowState {
  readonly renameForm?: Form;
  readonly renameErrors?: Refusal | null;
  readonly childForm?: Form;
  readonly childErrors?: Refusal | null;
  /** A refused theme choice (admin/theme-routes.ts). */
  readonly themeErrors?: Refusal | null;
}

export async function showPage(
  ctx: RouteContext,
  services: AdminServices,
  reach: AdminReach,
  organization: AdminOrganization,
  state: ShowState = {},
): Promise<RouteResult> {
  const parent = organization.parentId ? await organizations.find(ctx.em, reach, organization.parentId) : null;
  const children = (await organizations.list(ctx.em, reach)).filter((o) => o.parentId === organization.id);
  const members = await organizations.members(ctx.em, organization.id);
  const plugins = await statesOf(ctx, services, organization);
  const kinds = childKinds(organization.kind);
  const childForm = state.childForm ?? {};
  const refusal = state.childErrors ?? state.renameErrors ?? state.themeErrors ?? null;
  return {
    view: 'core:admin/organization',
    model: {
      title: organization.name,
      organization: {
        ...organization,
        kindLabel: kindLabel(ctx, organization.kind),
        subkindLabel: subkindLabel(ctx, organization.subkind),
      },
      parent: parent ? { name: parent.name, href: ctx.url('core.admin.organizations.show', { id: parent.id }) } : null,
      children: children.map((c) => ({
        ...c,
        kindLabel: kindLabel(ctx, c.kind),
        href: ctx.url('core.admin.organizations.show', { id: c.id }),
      })),
      members: members.map((m) => ({
        ...m,
        roleLabel: m.roleName[ctx.locale],
        href: ctx.can(ADMIN.operators) ? ctx.url('core.admin.operators.show', { id: m.operatorId }) : null,
      })),
      plugins: plugins.map((p) => ({
        ...p,
        action: ctx.url('core.admin.organizations.plugin', { id: organization.id, plugin: p.id }),
        activationLabel: ctx.t(`core:admin.plugins.activation.${p.activation}`),
        states: PLUGIN_STATES.map((s) => ({ code: s, label: ctx.t(`core:admin.plugins.states.${s}`), selected: s === p.choice })),
      })),
      theme: await themeSection(ctx, services, organization, state.themeErrors?.errors ?? []),
      renameAction: ctx.url('core.admin.organizations.update', { id: organization.id }),
      renameForm: state.renameForm ?? { name: organization.name },
      renameErrors: state.renameErrors?.errors ?? [],
      childAction: ctx.url('core.admin.organizations.children.create', { id: organization.id }),
      canCreateChild: kinds.length > 0,
      childForm,
      childErrors: state.childErrors?.errors ?? [],
      kinds: kindOptions(ctx, kinds, childForm.kind),
      subkinds: subkindOptions(ctx, childForm.subkind),
      problem: refusal?.problem ?? null,
      saved: SAVED.find((k) => k === ctx.query.saved) ?? null,
    },
    status: refusal?.status ?? 200,
  };
}

/** The organization tree's pages: the tree, one organization with its plugins and people, new organizations. */
export function registerOrganizationPages(r: RouteRegistrar, services: () => AdminServices): void {
  const permission = ADMIN.organizations;

  r.get('admin.organizations', '/admin/organizations', { permission }, async (ctx) => listPage(ctx, await reachOf(ctx)));

  // A new root; a child is created from its parent's page.
  r.post('admin.organizations.create', '/admin/organizations', { permission, body: organizationCreateInput }, async (ctx) => {
    const reach = await reachOf(ctx);
    const body = (ctx.body ?? {}) as Form;
    const parsed = ctx.validate(organizationCreateInput, body);
    if (!parsed.ok) return listPage(ctx, reach, body, { status: 422, errors: parsed.errors, problem: null });
    let id = '';
    const refusal = await attempt(async () => (id = (await createOrganization(ctx, services(), reach, parsed.data)).id));
    if (refusal) return listPage(ctx, reach, body, refusal);
    return { redirect: `${ctx.url('core.admin.organizations.show', { id })}?saved=created` };
  });

  r.get('admin.organizations.show', '/admin/organizations/:id', { permission }, async (ctx) => {
    const reach = await reachOf(ctx);
    return showPage(ctx, services(), reach, await visibleOrganization(ctx, reach, ctx.params.id));
  });

  r.post('admin.organizations.update', '/admin/organizations/:id', { permission, body: organizationUpdateInput }, async (ctx) => {
    const reach = await reachOf(ctx);
    const organization = await visibleOrganization(ctx, reach, ctx.params.id);
    const body = (ctx.body ?? {}) as Form;
    const parsed = ctx.validate(organizationUpdateInput, body);
    if (!parsed.ok) {
      return showPage(ctx, services(), reach, organization, {
        renameForm: body,
        renameErrors: { status: 422, errors: parsed.errors, problem: null },
      });
    }
    await renameOrganization(ctx, organization, parsed.data.name);
    return { redirect: `${ctx.url('core.admin.organizations.show', { id: organization.id })}?saved=renamed` };
  });

  r.post(
    'admin.organizations.children.create',
    '/admin/organizations/:id/children',
    { permission, body: organizationCreateInput },
    async (ctx) => {
      const reach = await reachOf(ctx);
      const parent = await visibleOrganization(ctx, reach, ctx.params.id);
      const body = (ctx.body ?? {}) as Form;
      const parsed = ctx.validate(organizationCreateInput, { ...body, parentId: parent.id });
      const again = (refusal: Refusal) => showPage(ctx, services(), reach, parent, { childForm: body, childErrors: refusal });
      if (!parsed.ok) return again({ status: 422, errors: parsed.errors, problem: null });
      let id = '';
      const refusal = await attempt(async () => (id = (await createOrganization(ctx, services(), reach, parsed.data)).id));
      if (refusal) return again(refusal);
      return { redirect: `${ctx.url('core.admin.organizations.show', { id })}?saved=created` };
    },
  );

  r.post('admin.organizations.plugin', '/admin/organizations/:id/plugins/:plugin', { permission, body: pluginChoiceInput }, async (ctx) => {
    const reach = await reachOf(ctx);
    const organization = await visibleOrganization(ctx, reach, ctx.params.id);
    // The form offers only the valid states: anything else is a crafted request, answered with the error page.
    const parsed = ctx.validate(pluginChoiceInput, ctx.body);
    if (!parsed.ok) throw HttpError.invalid(parsed.errors);
    await choosePlugin(ctx, services(), organization, ctx.params.plugin, parsed.data.state);
    return { redirect: `${ctx.url('core.admin.organizations.show', { id: organization.id })}?saved=plugin#plugins` };
  });
}
