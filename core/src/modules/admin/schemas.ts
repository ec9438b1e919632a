// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from 'zod';
import { blankToUndefined, optionalText } from '../../sdk/input';
import { MIN_PASSWORD_LENGTH, passwordProblems } from '../operators/passwords';
import {
  ORGANIZATION_KINDS,
  ORGANIZATION_SUBKINDS,
  type OrganizationKind,
  type OrganizationSubkind,
} from '../../sdk/extension-points/organizations';
import { ALLOWED_PARENTS } from '../organizations/structures';

/**
 * The administration's input, one definition for the forms and the JSON API
 * (and the OpenAPI document). Messages are i18n keys, or zod issue codes the
 * pipeline words in the operator's language.
 */

export { ORGANIZATION_KINDS, type OrganizationKind };

export const SUBKINDS: Readonly<Partial<Record<OrganizationKind, readonly string[]>>> = ORGANIZATION_SUBKINDS;
const ALL_SUBKINDS = [...new Set(Object.values(ORGANIZATION_SUBKINDS).flat())] as [OrganizationSubkind, ...OrganizationSubkind[]];

export { ALLOWED_PARENTS };

const trimmed = (v: unknown): unknown => (typeof v === 'string' ? v.trim() : v);
const lower = (v: unknown): unknown => (typeof v === 'string' ? v.trim().toLowerCase() : v);
const upper = (v: unknown): unknown => (typeof v === 'string' ? v.trim().toUpperCase() : v);
/**
 * A form sends one checkbox as a string, several as an array, none at all as
 * nothing; past qs's array limit (20), repeated fields arrive as an object keyed by position.
 */
function toArray(v: unknown): unknown {
  if (v === undefined || v === null || v === '') return [];
  if (Array.isArray(v)) return v;
  if (typeof v === 'object' && Object.keys(v).every((k) => /^\d+$/.test(k))) return Object.values(v);
  return [v];
}

export const ROLE_ID = /^[a-z][a-z0-9-]*$/;
const name = z.string().trim().min(1).max(200);

export const organizationCreateInput = z
  .object({
    parentId: z
      .preprocess(blankToUndefined, z.uuid().optional())
      .describe('The parent organization; left out, a new root (whole-installation administrators only)'),
    kind: z.enum(ORGANIZATION_KINDS),
    subkind: z
      .preprocess(blankToUndefined, z.enum(ALL_SUBKINDS).optional())
      .describe('pua, segretariato, specialist, health-district (service points); asl, provider (partners)'),
    code: z.preprocess(
      lower,
      z
        .string()
        .min(1)
        .max(60)
        .regex(/^[a-z0-9][a-z0-9-]*$/, 'core:admin.organizations.errors.code'),
    ),
    name,
    belfioreCode: z
      .preprocess(
        (v) => blankToUndefined(upper(v)),
        z
          .string()
          .regex(/^[A-Z][0-9]{3}$/, 'core:admin.organizations.errors.belfiore')
          .optional(),
      )
      .describe("A comune's cadastral (Belfiore) code; its ISTAT code comes from the territory reference data"),
  })
  .superRefine((v, ctx) => {
    const fits = v.subkind === undefined || (SUBKINDS[v.kind] ?? []).includes(v.subkind);
    if (!fits) ctx.addIssue({ code: 'custom', path: ['subkind'], message: 'core:admin.organizations.errors.subkind' });
    if (v.kind === 'comune' && !v.belfioreCode)
      ctx.addIssue({ code: 'custom', path: ['belfioreCode'], message: 'core:admin.organizations.errors.belfioreRequired' });
    if (v.kind !== 'comune' && v.belfioreCode)
      ctx.addIssue({ code: 'custom', path: ['belfioreCode'], message: 'core:admin.organizations.errors.belfioreOnlyComune' });
  })
  .meta({ id: 'OrganizationCreate' });
export type OrganizationCreate = z.output<typeof organizationCreateInput>;

export const organizationUpdateInput = z.object({ name }).meta({ id: 'OrganizationUpdate' });

export const PLUGIN_STATES = ['inherit', 'on', 'off'] as const;
export const pluginChoiceInput = z
  .object({
    state: z.enum(PLUGIN_STATES).describe('inherit: follow the parent organization (or the manifest); on, off: an explicit choice here'),
  })
  .meta({ id: 'PluginChoice' });

export const operatorSearchQuery = z.object({
  q: optionalText(100).describe('Part of the username or of the name'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type OperatorSearch = z.output<typeof operatorSearchQuery>;

const organizationId = z.uuid('core:admin.memberships.errors.organization');
const roleId = z.preprocess(
  trimmed,
  z.string().regex(ROLE_ID, 'core:admin.memberships.errors.role').max(60, 'core:admin.memberships.errors.role'),
);

export const membershipInput = z.object({ organizationId, roleId }).meta({ id: 'MembershipCreate' });
export type MembershipCreate = z.output<typeof membershipInput>;

export const operatorCreateInput = z
  .object({
    username: z.preprocess(
      lower,
      z
        .string()
        .min(3)
        .max(60)
        .regex(/^[a-z0-9][a-z0-9._-]*$/, 'core:admin.operators.errors.username'),
    ),
    displayName: z.string().trim().min(1).max(120),
    email: z.preprocess(blankToUndefined, z.email().max(200).optional()),
    password: z.string().max(1000).describe(`The initial password: at least ${MIN_PASSWORD_LENGTH} characters, without the username`),
    organizationId,
    roleId,
  })
  .superRefine((v, ctx) => {
    for (const message of passwordProblems(v.password, v.username)) {
      ctx.addIssue({ code: 'custom', path: ['password'], message, min: MIN_PASSWORD_LENGTH });
    }
  })
  .meta({ id: 'OperatorCreate' });
export type OperatorCreate = z.output<typeof operatorCreateInput>;

/** A form sends the wanted state as text; the API as a boolean. */
export const operatorStatusInput = z
  .object({ active: z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean()) })
  .meta({ id: 'OperatorStatus' });

export const roleCreateInput = z
  .object({
    id: z.preprocess(lower, z.string().min(2).max(40).regex(ROLE_ID, 'core:admin.roles.errors.id')),
    nameIt: z.string().trim().min(1).max(100),
    nameEn: z.string().trim().min(1).max(100),
  })
  .meta({ id: 'RoleCreate' });
export type RoleCreate = z.output<typeof roleCreateInput>;

/** One grant as `role:permission`: neither a role id nor a permission id holds a colon. */
export const GRANT = /^([a-z][a-z0-9-]*):([a-z][a-z0-9-]*(?:\.[a-z][a-z0-9-]*)+)$/;

export const matrixInput = z
  .object({
    grants: z
      .preprocess(toArray, z.array(z.string().regex(GRANT, 'core:admin.roles.errors.grant')).max(20_000))
      .describe('Every grant the matrix should hold, as "role:permission"; grants of permissions this installation does not know are kept'),
    version: z
      .preprocess(blankToUndefined, z.string().max(100).optional())
      .describe('The version read with the matrix: a stale one is refused'),
  })
  .meta({ id: 'MatrixUpdate' });
export type MatrixUpdate = z.output<typeof matrixInput>;

const localizedName = z.object({ it: z.string(), en: z.string() });

export const organizationOutput = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    kind: z.enum(ORGANIZATION_KINDS),
    subkind: z.string().nullable(),
    parentId: z.uuid().nullable(),
    istatCode: z.string().nullable(),
    belfioreCode: z.string().nullable(),
  })
  .meta({ id: 'Organization' });

const structureNodeOutput = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(ORGANIZATION_KINDS),
  subkind: z.string().nullable(),
  parent: z.string().nullable().describe('The code of its parent node; null for a root'),
  belfioreCode: z.string().nullable(),
  status: z
    .enum(['create', 'exists', 'conflict'])
    .describe('create: missing; exists: kept as it is; conflict: something else holds its code'),
  organizationId: z.uuid().nullable().describe('The organization kept, for exists'),
  conflict: z.string().nullable().describe("Why it conflicts, in the caller's language"),
});

export const structureOutput = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    activate: z.array(z.string()).describe('Plugins turned on at its roots when applied'),
    counts: z.object({ create: z.number().int(), exists: z.number().int(), conflict: z.number().int() }),
    nodes: z.array(structureNodeOutput),
  })
  .meta({ id: 'OrganizationStructure' });

export const pluginStateOutput = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    version: z.string(),
    activation: z.enum(['instance', 'organization']).describe("The manifest's default"),
    dependsOn: z.array(z.string()),
    choice: z.enum(PLUGIN_STATES).describe('The explicit choice made for this organization'),
    inheritedFrom: z
      .object({ organizationId: z.uuid(), organizationName: z.string(), active: z.boolean() })
      .nullable()
      .describe('The nearest explicit choice above, which "inherit" follows'),
    active: z.boolean().describe('Whether it is active for this organization now'),
    blockedByDependency: z.boolean().describe('Wanted on, but off because a plugin it depends on is off'),
  })
  .meta({ id: 'PluginState' });

export const membershipOutput = z
  .object({
    id: z.uuid(),
    organizationId: z.uuid(),
    organizationName: z.string(),
    roleId: z.string(),
    roleName: localizedName,
  })
  .meta({ id: 'Membership' });

export const operatorOutput = z
  .object({
    id: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    email: z.string().nullable(),
    active: z.boolean(),
    lockedUntil: z.string().nullable(),
    failedAttempts: z.number().int(),
    activeSessions: z.number().int(),
    memberships: z.array(membershipOutput).describe('Only those in organizations the caller administers'),
    elsewhere: z.boolean().describe('Whether it also holds memberships the caller does not administer'),
  })
  .meta({ id: 'Operator' });

export const roleOutput = z
  .object({ id: z.string(), owner: z.string(), name: localizedName, permissions: z.array(z.string()) })
  .meta({ id: 'Role' });

export const matrixOutput = z
  .object({
    version: z.string(),
    roles: z.array(roleOutput),
    permissions: z.array(z.object({ id: z.string(), owner: z.string(), description: localizedName })),
  })
  .meta({ id: 'Matrix' });
