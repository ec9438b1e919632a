// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from 'zod';

/**
 * The static part of a plugin or theme: `package.json#sigess`, readable
 * without running its code (by the loader, `sigess plugins list`, the docs).
 */
export const PLUGIN_ID = /^[a-z][a-z0-9-]{1,30}$/;

const localized = z.object({ it: z.string().min(1), en: z.string().min(1) });

export const permissionDeclaration = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/, 'a dotted id such as "hello.view"'),
  description: localized,
  /** Roles that hold it out of the box; `anonymous` for pages with no personal data. */
  defaultRoles: z.array(z.string()).default([]),
});
export type PermissionDeclaration = z.infer<typeof permissionDeclaration>;

/**
 * A role the plugin brings (a regional profile, say): created in `core.role` at start-up, granted
 * permissions through `defaultRoles` and the administrators' matrix, held through memberships.
 */
export const roleDeclaration = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'kebab-case, starting with "<plugin id>-"'),
  name: localized,
});
export type RoleDeclaration = z.infer<typeof roleDeclaration>;

export const pluginManifest = z.object({
  kind: z.literal('plugin'),
  id: z.string().regex(PLUGIN_ID, 'kebab-case, 2 to 31 characters, starting with a letter'),
  displayName: localized,
  description: localized,
  /** The region a regional variant serves (ISTAT region code and name). */
  region: z.object({ istat: z.string().regex(/^\d{2}$/), name: z.string() }).optional(),
  dependsOn: z.array(z.string().regex(PLUGIN_ID)).default([]),
  /**
   * `instance`: active for every organization unless one turns it off.
   * `organization`: off until an administrator turns it on for an organization (and its subtree).
   */
  activation: z.enum(['instance', 'organization']).default('organization'),
  permissions: z.array(permissionDeclaration).default([]),
  roles: z.array(roleDeclaration).default([]),
});
export type PluginManifest = z.infer<typeof pluginManifest>;

export const themeManifest = z.object({
  kind: z.literal('theme'),
  id: z.string().regex(PLUGIN_ID),
  displayName: localized,
  /** The parent theme whose templates, assets and strings this one inherits. */
  extends: z.string().regex(PLUGIN_ID).optional(),
});
export type ThemeManifest = z.infer<typeof themeManifest>;
