// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PermissionDeclaration } from '../sdk/manifest';

/**
 * Every permission the installation knows: core's and those the enabled
 * plugins declare in their manifests. A route, menu item, slot, form or
 * export that names an undeclared permission stops start-up.
 */
export class PermissionCatalogue {
  private readonly declared = new Map<string, PermissionDeclaration & { owner: string }>();

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
}
