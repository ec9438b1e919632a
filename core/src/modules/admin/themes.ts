// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from 'zod';
import type { RouteContext } from '../../sdk/routes';
import { HttpError } from '../../sdk/errors';
import type { AdminServices } from './services';
import type { AdminOrganization } from './organizations';

/**
 * An organization's theme in the administration: the choice made for it, the one it inherits,
 * the one its pages wear, and the change (checked against the installed themes, audited). Shared
 * by the organization's page and the API, so both answer alike.
 */

export const themeChoiceInput = z
  .object({
    theme: z
      .string()
      .max(40)
      .nullable()
      .describe('An installed theme (GET …/theme lists them); null: follow the organization above, or the installation'),
  })
  .meta({ id: 'ThemeChoice' });
export type ThemeChoiceInput = z.output<typeof themeChoiceInput>;

export const themeStateOutput = z
  .object({
    choice: z.string().nullable().describe('The theme chosen for this organization itself; null when it inherits'),
    inheritedFrom: z
      .object({ organizationId: z.uuid(), organizationName: z.string(), theme: z.string() })
      .nullable()
      .describe('The nearest choice above, which it follows while its own choice is null'),
    effective: z.string().describe('The theme its pages wear now'),
    installation: z.string().describe("The installation's theme, worn when nobody up the tree chooses one"),
    available: z.array(z.object({ id: z.string(), name: z.string(), parents: z.array(z.string()) })).describe('The installed themes'),
  })
  .meta({ id: 'ThemeState' });
export type ThemeState = z.output<typeof themeStateOutput>;

/** The organization's theme as the administration shows it. */
export async function themeStateOf(ctx: RouteContext, services: AdminServices, organization: AdminOrganization): Promise<ThemeState> {
  const { looks, organizationThemes } = services;
  const choices = (await organizationThemes.choices(ctx.em, organization.id)).filter((c) => looks.has(c.themeId));
  const own = choices.find((c) => c.depth === 0);
  const above = choices.find((c) => c.depth > 0);
  return {
    choice: own?.themeId ?? null,
    inheritedFrom: above ? { organizationId: above.organizationId, organizationName: above.organizationName, theme: above.themeId } : null,
    effective: (own ?? above)?.themeId ?? looks.installation.id,
    installation: looks.installation.id,
    available: looks.all().map((look) => ({
      id: look.id,
      name: look.chain[0]!.manifest.displayName[ctx.locale],
      parents: look.chain.slice(1).map((t) => t.id),
    })),
  };
}

/** Chooses the organization's theme (null: inherit). A theme the installation does not have is a field error. */
export async function chooseTheme(
  ctx: RouteContext,
  services: AdminServices,
  organization: AdminOrganization,
  theme: string | null,
): Promise<ThemeState> {
  if (theme !== null && !services.looks.has(theme)) {
    throw HttpError.invalid([{ field: 'theme', message: ctx.t('core:admin.themes.errors.unknown', { theme }) }]);
  }
  const before = (await themeStateOf(ctx, services, organization)).choice;
  if (before !== theme) {
    await services.organizationThemes.choose(ctx.em, organization.id, theme);
    await ctx.audit({
      action: 'organization.theme',
      entity: 'organization',
      entityId: organization.id,
      details: { from: before, to: theme },
    });
  }
  return themeStateOf(ctx, services, organization);
}

/** The theme section's view-model on the organization's page. */
export async function themeSection(
  ctx: RouteContext,
  services: AdminServices,
  organization: AdminOrganization,
  errors: readonly { field: string; message: string }[] = [],
) {
  const state = await themeStateOf(ctx, services, organization);
  const name = (id: string) => state.available.find((t) => t.id === id)?.name ?? id;
  return {
    action: ctx.url('core.admin.organizations.theme', { id: organization.id }),
    effective: { id: state.effective, name: name(state.effective) },
    origin:
      state.choice !== null
        ? ctx.t('core:admin.themes.own')
        : state.inheritedFrom
          ? ctx.t('core:admin.themes.inheritedFrom', {
              theme: name(state.inheritedFrom.theme),
              organization: state.inheritedFrom.organizationName,
            })
          : ctx.t('core:admin.themes.installationDefault', { theme: name(state.installation) }),
    options: [
      { code: '', label: ctx.t('core:admin.themes.inherit'), selected: state.choice === null },
      ...state.available.map((t) => ({ code: t.id, label: `${t.name} (${t.id})`, selected: t.id === state.choice })),
    ],
    errors,
  };
}
