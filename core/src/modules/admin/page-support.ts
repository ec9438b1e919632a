// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RouteContext } from '../../sdk/routes';
import { HttpError, type FieldError } from '../../sdk/errors';
import type { AdminOrganization } from './organizations';
import type { AdminRole } from './roles';
import { ORGANIZATION_KINDS, SUBKINDS, type OrganizationKind } from './schemas';

/** What a refused form shows: errors beside its fields, or one reason above them. */
export interface Refusal {
  readonly status: number;
  readonly errors: readonly FieldError[];
  readonly problem: string | null;
}

/**
 * Runs an operation a form asked for. Its refusals (422 with fields, 403 or
 * 409 with a reason) come back to be shown on the page; the operations refuse
 * before their first write, so nothing of a refused one is left to roll back.
 * A 404 is not a refusal: it goes on to the error page.
 */
export async function attempt(work: () => Promise<unknown>): Promise<Refusal | null> {
  try {
    await work();
    return null;
  } catch (error) {
    if (!(error instanceof HttpError) || ![403, 409, 422].includes(error.status)) throw error;
    return { status: error.status, errors: error.errors, problem: error.errors.length ? null : (error.detail ?? null) };
  }
}

export const kindLabel = (ctx: RouteContext, kind: string): string => ctx.t(`core:admin.organizations.kinds.${kind}`);
export const subkindLabel = (ctx: RouteContext, subkind: string | null): string | null =>
  subkind ? ctx.t(`core:admin.organizations.subkinds.${subkind}`) : null;

export function kindOptions(ctx: RouteContext, kinds: readonly OrganizationKind[], selected: unknown) {
  return kinds.map((k) => ({ code: k, label: kindLabel(ctx, k), selected: k === selected }));
}

export function subkindOptions(ctx: RouteContext, selected: unknown) {
  return Object.entries(SUBKINDS).flatMap(([kind, subkinds]) =>
    (subkinds ?? []).map((s) => ({
      code: s,
      label: `${kindLabel(ctx, kind)} – ${ctx.t(`core:admin.organizations.subkinds.${s}`)}`,
      selected: s === selected,
    })),
  );
}

export const ALL_KINDS: readonly OrganizationKind[] = ORGANIZATION_KINDS;

export function organizationOptions(organizations: readonly AdminOrganization[], selected: unknown) {
  return organizations.map((o) => ({ code: o.id, label: `${o.name} (${o.code})`, selected: o.id === selected }));
}

export function roleOptions(ctx: RouteContext, roles: readonly AdminRole[], selected: unknown) {
  return roles.map((r) => ({ code: r.id, label: r.name[ctx.locale], selected: r.id === selected }));
}

export function ownerLabel(ctx: RouteContext, owner: string): string {
  if (owner === 'core') return ctx.t('core:admin.roles.owners.core');
  if (owner === 'installation') return ctx.t('core:admin.roles.owners.installation');
  return ctx.t('core:admin.roles.owners.plugin', { plugin: owner });
}
