// SPDX-License-Identifier: AGPL-3.0-or-later
import { MENUS, MenuItems, PageSlots, SLOT_ZONES, type MenuItem, type PageSlot } from '../sdk/extension-points/ui';
import { Forms, type FormDefinition } from '../sdk/extension-points/forms';
import { formCodeLists, formLabelKeys, formStructureProblems } from '../modules/forms/definition';
import { ExportFlows, type ExportFlow } from '../sdk/extension-points/exports';
import { flowLabelKeys, paramProblems } from '../modules/exports/params';
import { CATALOGUE_UNITS, CatalogueEntries, MACRO_AREAS, type CatalogueEntry, type Requirement } from '../sdk/extension-points/catalogue';
import { EligibilityRules, type EligibilityRule, type RuleField } from '../sdk/extension-points/eligibility';
import { CodeLists } from '../sdk/extension-points/code-lists';
import type { RouteDefinition } from '../sdk/routes';
import { ServiceAuthenticators, type ServiceAuthenticator } from '../sdk/extension-points/service-auth';
import { DemoData, OrganizationStructures, type DemoDataSet, type OrganizationStructure } from '../sdk/extension-points/organizations';
import { structureProblems } from '../modules/organizations/structures';
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

/** The code list catalogue entries name their area from (core's; a plugin cannot replace it). */
const AREAS_LIST = 'core.areas';

/** A catalogue entry's requirements: each names a registered rule once, with parameters its schema accepts. */
function requirementProblems(what: string, requirements: readonly Requirement[], rules: readonly { value: EligibilityRule }[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const requirement of requirements) {
    const rule = rules.find((r) => r.value.id === requirement.rule)?.value;
    if (seen.has(requirement.rule)) problems.push(`${what}: requirement "${requirement.rule}" is listed twice`);
    seen.add(requirement.rule);
    if (!rule) {
      problems.push(`${what}: requirement "${requirement.rule}" names no eligibility rule`);
      continue;
    }
    const parsed = rule.params.safeParse(requirement.params ?? {});
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => i.path.join('.') || '(params)').join(', ');
      problems.push(`${what}: requirement "${requirement.rule}" has parameters its rule refuses (${fields})`);
    }
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

  // A service authenticator guards a prefix of its own plugin's routes (it is relative to `/p/<id>`, so it
  // cannot reach another's), at least one route lies under it, no other of its guards overlaps it, and the
  // role it gives is one its plugin declares: a plugin cannot hand out core's roles or another plugin's.
  registry.addValidator(ServiceAuthenticators.id, (value, owner) => {
    const guard = value as ServiceAuthenticator;
    const what = `service authenticator "${guard.id}"`;
    const problems: string[] = [];
    if (typeof guard.authenticate !== 'function') problems.push(`${what}: authenticate must be a function`);
    const prefix = typeof guard.prefix === 'string' ? guard.prefix.toLowerCase() : '';
    if (!/^\/([a-z0-9._~-]+\/)+$/.test(prefix) || prefix.split('/').some((segment) => /^\.+$/.test(segment))) {
      problems.push(`${what}: prefix "${String(guard.prefix)}" must be a path of the plugin's routes between slashes, e.g. "/waas/"`);
    } else {
      const routes = registry.everything(Routes).filter((r) => r.owner === owner);
      if (!routes.some((r) => r.value.path.toLowerCase().startsWith(prefix)))
        problems.push(`${what}: no route of "${owner}" lies under "${guard.prefix}"`);
      for (const other of registry.everything(ServiceAuthenticators)) {
        const otherPrefix = String(other.value.prefix).toLowerCase();
        if (other.owner === owner && other.value !== guard && otherPrefix.startsWith(prefix))
          problems.push(`${what}: prefix "${guard.prefix}" overlaps that of "${other.value.id}"`);
      }
    }
    if (!ctx.permissions.roles().some((r) => r.owner === owner && r.id === guard.role))
      problems.push(`${what}: role "${String(guard.role)}" is not one "${owner}" declares (package.json sigess.roles)`);
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
    const what = `catalogue entry "${entry.code}"`;
    const problems = keyProblems(ctx, owner, what, [entry.nameKey, entry.descriptionKey]);
    if ((entry.nameKey === undefined) === (entry.label === undefined)) problems.push(`${what}: give either nameKey or label`);
    if (entry.label && (!entry.label.it?.trim() || !entry.label.en?.trim())) problems.push(`${what}: label needs "it" and "en"`);
    const areas = registry.everything(CodeLists).find((l) => l.owner === CORE && l.value.id === AREAS_LIST)?.value.entries ?? [];
    if (!areas.some((a) => a.code === entry.area)) problems.push(`${what}: unknown area "${entry.area}" (a code of ${AREAS_LIST})`);
    if (!(CATALOGUE_UNITS as readonly string[]).includes(entry.unit))
      problems.push(`${what}: unknown unit "${String(entry.unit)}" (known: ${CATALOGUE_UNITS.join(', ')})`);
    if (entry.macroArea !== undefined && !(MACRO_AREAS as readonly string[]).includes(entry.macroArea))
      problems.push(`${what}: unknown macro-area "${String(entry.macroArea)}" (known: ${MACRO_AREAS.join(', ')})`);
    return [...problems, ...requirementProblems(what, entry.requirements ?? [], registry.everything(EligibilityRules))];
  });

  registry.addValidator(EligibilityRules.id, (value, owner) => {
    const rule = value as EligibilityRule;
    const what = `eligibility rule "${rule.id}"`;
    const problems = typeof rule.params?.safeParse === 'function' ? [] : [`${what}: params must be a zod schema`];
    if (!Array.isArray(rule.fields)) problems.push(`${what}: fields must be a list (empty for a rule without parameters)`);
    const fields: readonly RuleField[] = Array.isArray(rule.fields) ? rule.fields : [];
    const keys = fields.flatMap((f) => [f.labelKey, f.hintKey, ...(f.options ?? []).map((o) => o.labelKey)]);
    return [...problems, ...keyProblems(ctx, owner, what, [rule.titleKey, ...keys])];
  });

  registry.addValidator(Forms.id, (value, owner) => {
    const form = value as FormDefinition;
    const what = `form "${form.id}"`;
    const lists = new Set(registry.everything(CodeLists).map((l) => l.value.id));
    return [
      ...permissionProblem(ctx, `${what} (view)`, form.permissions?.view, true),
      ...permissionProblem(ctx, `${what} (submit)`, form.permissions?.submit, true),
      ...formStructureProblems(form),
      ...formCodeLists(form)
        .filter((id) => !lists.has(id))
        .map((id) => `${what} uses the unknown code list "${id}"`),
      ...keyProblems(ctx, owner, what, formLabelKeys(form)),
    ];
  });

  registry.addValidator(ExportFlows.id, (value, owner) => {
    const flow = value as ExportFlow;
    const what = `export flow "${flow.id}"`;
    return [
      ...permissionProblem(ctx, what, flow.permission, true),
      ...(['xml', 'csv', 'json'].includes(flow.format) ? [] : [`${what}: unknown format "${String(flow.format)}" (known: xml, csv, json)`]),
      ...paramProblems(flow).map((p) => `${what}: ${p}`),
      ...keyProblems(ctx, owner, what, flowLabelKeys(flow)),
    ];
  });

  registry.addValidator(OrganizationStructures.id, (value, owner) => {
    const structure = value as OrganizationStructure;
    const what = `organization structure "${structure.id}"`;
    const enabled = new Set(registry.plugins());
    return [
      ...structureProblems(structure.nodes).map((p) => `${what}: ${p}`),
      ...(structure.activate ?? []).filter((id) => !enabled.has(id)).map((id) => `${what}: activates "${id}", which is not enabled`),
      ...keyProblems(ctx, owner, what, [structure.titleKey, structure.descriptionKey]),
    ];
  });

  registry.addValidator(DemoData.id, (value) => {
    const data = value as DemoDataSet;
    const what = `demo data "${data.id}"`;
    const structures = (data.structures ?? []).map((id) => ({
      id,
      value: registry.everything(OrganizationStructures).find((s) => s.value.id === id)?.value,
    }));
    const known = new Map(structures.flatMap((s) => (s.value?.nodes ?? []).map((n) => [n.code, n.kind] as const)));
    const problems = structures.filter((s) => !s.value).map((s) => `${what}: names the unknown organization structure "${s.id}"`);
    problems.push(...structureProblems(data.organizations ?? [], known).map((p) => `${what}: ${p}`));
    for (const node of data.organizations ?? []) known.set(node.code, node.kind);
    for (const operator of data.operators ?? []) {
      for (const m of operator.memberships)
        if (!known.has(m.organization))
          problems.push(`${what}: operator "${operator.username}" joins "${m.organization}", which it does not list`);
    }
    const entries = new Set(registry.everything(CatalogueEntries).map((e) => e.value.code));
    for (const offer of data.offers ?? []) {
      if (!known.has(offer.organization)) problems.push(`${what}: an offer of "${offer.organization}", which it does not list`);
      if (!entries.has(offer.entry)) problems.push(`${what}: an offer of "${offer.entry}", which is no catalogue entry`);
    }
    for (const choice of data.themes ?? [])
      if (!known.has(choice.organization)) problems.push(`${what}: a theme for "${choice.organization}", which it does not list`);
    return problems;
  });
}
