// SPDX-License-Identifier: AGPL-3.0-or-later
import { MENUS, MenuItems, PageSlots, SLOT_ZONES, type MenuItem, type PageSlot } from '../sdk/extension-points/ui';
import { Forms, type FormDefinition } from '../sdk/extension-points/forms';
import { ExportFlows, type ExportFlow } from '../sdk/extension-points/exports';
import { CatalogueEntries, type CatalogueEntry } from '../sdk/extension-points/catalogue';
import type { RouteDefinition } from '../sdk/routes';
import type { PermissionCatalogue } from './permissions';
import { CORE, type ExtensionRegistry } from './registry';
import { Routes } from './routes';

/** What the seal checks need to know about views and strings, without depending on them. */
export interface SealContext {
  readonly permissions: PermissionCatalogue;
  hasTemplate(name: string): boolean;
  /** Languages in which an i18n key (`ns:key`) is missing. */
  missingTranslations(key: string): string[];
}

function permissionProblem(ctx: SealContext, what: string, permission: string | undefined, required: boolean): string[] {
  if (permission === undefined) return required ? [`${what} declares no permission`] : [];
  return ctx.permissions.has(permission) ? [] : [`${what} uses the undeclared permission "${permission}"`];
}

function keyProblems(ctx: SealContext, owner: string, what: string, keys: (string | undefined)[]): string[] {
  const problems: string[] = [];
  for (const key of keys) {
    if (key === undefined) continue;
    const ns = key.includes(':') ? key.slice(0, key.indexOf(':')) : '';
    if (ns !== owner && ns !== CORE) {
      problems.push(`${what}: the i18n key "${key}" must be in namespace "${owner}:"`);
      continue;
    }
    const missing = ctx.missingTranslations(key);
    if (missing.length) problems.push(`${what}: the i18n key "${key}" is missing in ${missing.join(', ')}`);
  }
  return problems;
}

/** Installs the cross-cutting checks the registry runs when it is sealed. */
export function installSealChecks(registry: ExtensionRegistry, ctx: SealContext): void {
  const routeNames = (): Set<string> => new Set(registry.everything(Routes).map((r) => r.value.name));

  registry.addValidator(Routes.id, (value) => {
    const route = value as RouteDefinition;
    const problems = permissionProblem(ctx, `route "${route.name}"`, route.permission, true);
    if (!route.path.startsWith('/')) problems.push(`route "${route.name}": path "${route.path}" must start with "/"`);
    return problems;
  });

  registry.addValidator(MenuItems.id, (value, owner) => {
    const item = value as MenuItem;
    const what = `menu item "${item.id}"`;
    const problems = permissionProblem(ctx, what, item.permission, false);
    if (!(MENUS as readonly string[]).includes(item.menu))
      problems.push(`${what}: unknown menu "${item.menu}" (known: ${MENUS.join(', ')})`);
    if (!routeNames().has(item.route)) problems.push(`${what}: unknown route "${item.route}"`);
    return [...problems, ...keyProblems(ctx, owner, what, [item.labelKey])];
  });

  registry.addValidator(PageSlots.id, (value, owner) => {
    const slot = value as PageSlot;
    const what = `page slot "${slot.id}"`;
    const problems = permissionProblem(ctx, what, slot.permission, false);
    if (!(SLOT_ZONES as readonly string[]).includes(slot.zone))
      problems.push(`${what}: unknown zone "${slot.zone}" (known: ${SLOT_ZONES.join(', ')})`);
    if (!slot.template.startsWith(`${owner}:`)) problems.push(`${what}: template "${slot.template}" must be in namespace "${owner}:"`);
    else if (!ctx.hasTemplate(slot.template)) problems.push(`${what}: template "${slot.template}" does not exist`);
    return problems;
  });

  registry.addValidator(CatalogueEntries.id, (value, owner) => {
    const entry = value as CatalogueEntry;
    return keyProblems(ctx, owner, `catalogue entry "${entry.code}"`, [entry.nameKey, entry.descriptionKey]);
  });

  registry.addValidator(Forms.id, (value, owner) => {
    const form = value as FormDefinition;
    const what = `form "${form.id}"`;
    return [
      ...permissionProblem(ctx, `${what} (view)`, form.permissions?.view, true),
      ...permissionProblem(ctx, `${what} (submit)`, form.permissions?.submit, true),
      ...keyProblems(ctx, owner, what, [form.titleKey]),
    ];
  });

  registry.addValidator(ExportFlows.id, (value, owner) => {
    const flow = value as ExportFlow;
    const what = `export flow "${flow.id}"`;
    return [...permissionProblem(ctx, what, flow.permission, true), ...keyProblems(ctx, owner, what, [flow.titleKey])];
  });
}
