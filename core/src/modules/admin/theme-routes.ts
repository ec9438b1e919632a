// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RouteRegistrar } from '../../sdk/routes';
import type { AdminServices } from './services';
import { ADMIN } from './permissions';
import { reachOf } from './reach';
import { visibleOrganization } from './actions';
import { attempt } from './page-support';
import { showPage } from './organization-pages';
import { chooseTheme, themeChoiceInput, themeStateOf, themeStateOutput, type ThemeChoiceInput } from './themes';

/** An organization's theme: the form on its page, and `…/theme` in the API. */
export function registerThemeRoutes(r: RouteRegistrar, services: () => AdminServices): void {
  const permission = ADMIN.organizations;

  r.post('admin.organizations.theme', '/admin/organizations/:id/theme', { permission, body: themeChoiceInput }, async (ctx) => {
    const reach = await reachOf(ctx);
    const organization = await visibleOrganization(ctx, reach, ctx.params.id);
    // The form's empty option is "inherit".
    const raw = (ctx.body ?? {}) as { theme?: unknown };
    const parsed = ctx.validate(themeChoiceInput, { theme: raw.theme === '' || raw.theme === undefined ? null : raw.theme });
    const refusal = parsed.ok
      ? await attempt(() => chooseTheme(ctx, services(), organization, parsed.data.theme))
      : { status: 422, errors: parsed.errors, problem: null };
    if (refusal) return showPage(ctx, services(), reach, organization, { themeErrors: refusal });
    return { redirect: `${ctx.url('core.admin.organizations.show', { id: organization.id })}?saved=theme#theme` };
  });

  r.get(
    'api.admin.organizations.theme',
    '/api/v1/admin/organizations/:id/theme',
    { permission, response: themeStateOutput, summary: "An organization's theme: chosen, inherited, worn, and the installed ones" },
    async (ctx) => {
      const organization = await visibleOrganization(ctx, await reachOf(ctx), ctx.params.id);
      return { json: await themeStateOf(ctx, services(), organization) };
    },
  );
  r.put(
    'api.admin.organizations.theme.update',
    '/api/v1/admin/organizations/:id/theme',
    {
      permission,
      body: themeChoiceInput,
      response: themeStateOutput,
      summary: 'Choose the theme of an organization and what inherits from it, or let it inherit',
    },
    async (ctx) => {
      const organization = await visibleOrganization(ctx, await reachOf(ctx), ctx.params.id);
      const { theme } = ctx.body as ThemeChoiceInput;
      return { json: await chooseTheme(ctx, services(), organization, theme) };
    },
  );
}
