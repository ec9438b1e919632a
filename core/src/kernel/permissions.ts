// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PermissionDeclaration, RoleDeclaration } from '../sdk/manifest';

/**
 * Every permission the installation knows: core's and those the enabled
 * plugins declare in their manifests. A route, menu item, slot, form or
 * export that names an undeclared permission stops start-up. It also holds
 * the roles plugins declare, which the role matrix creates at start-up.
 */
export class PermissionCatalogue {
  private readonly declared = new Map<string, PermissionDeclaration & { owner: string }>();
  private readonly declaredRoles = new Map<string, RoleDeclaration & { owner: string }>();

  declare(owner: string, declaration: PermissionDeclaration): string | null {
    if (!declaration.id.startsWith(`${owner}.`)) {
      return `declares permission "${declaration.id}", which must start with "${owner}."`;
    }
    const existing = this.declared.get(declaration.id);
    if (existing) return `declares permission "${declaration.id}" twice`;
    this.declared.set(declaration.id, { ...declaration, owner });
    return null;
  }

  has(id: string): boolean {
    return this.declared.has(id);
  }

  all(): (PermissionDeclaration & { owner: string })[] {
    return [...this.declared.values()];
  }

  /** A plugin's role; its id starts with the plugin's, so plugins cannot take each other's or core's roles by accident. */
  declareRole(owner: string, declaration: RoleDeclaration): string | null {
    if (!declaration.id.startsWith(`${owner}-`)) return `declares role "${declaration.id}", which must start with "${owner}-"`;
    if (this.declaredRoles.has(declaration.id)) return `declares role "${declaration.id}" twice`;
    this.declaredRoles.set(declaration.id, { ...declaration, owner });
    return null;
  }

  roles(): (RoleDeclaration & { owner: string })[] {
    return [...this.declaredRoles.values()];
  }
}
