// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Locale } from '../../sdk/context';
import type { AdminServices } from './services';
import type { OrganizationDirectory } from './organizations';

/** One enabled plugin as an organization's page shows it: the manifest's default, the choices made, the outcome. */
export interface PluginState {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly version: string;
  readonly activation: 'instance' | 'organization';
  readonly dependsOn: readonly string[];
  /** The explicit choice made for this organization itself. */
  readonly choice: 'inherit' | 'on' | 'off';
  /** The nearest explicit choice above it, which it follows while its own choice is `inherit`. */
  readonly inheritedFrom: { readonly organizationId: string; readonly organizationName: string; readonly active: boolean } | null;
  /** Whether it is active for the organization now (ActivationService's answer). */
  readonly active: boolean;
  /** Wanted on, but off because a plugin it depends on is off. */
  readonly blockedByDependency: boolean;
}

/** Every enabled plugin's state for an organization. Core is not a plugin and is always there. */
export async function pluginStates(
  em: EntityManager,
  services: AdminServices,
  directory: OrganizationDirectory,
  organizationId: string,
  locale: Locale,
): Promise<PluginState[]> {
  const choices = await directory.pluginChoices(em, organizationId);
  const active = await services.activation.activeFor(em, organizationId);
  return services.plugins.map((plugin) => {
    const manifest = plugin.pkg.manifest;
    const own = choices.find((c) => c.pluginId === plugin.id && c.depth === 0);
    const above = choices.find((c) => c.pluginId === plugin.id && c.depth > 0);
    const wanted = own ? own.active : above ? above.active : manifest.activation === 'instance';
    const on = active.has(plugin.id);
    return {
      id: plugin.id,
      name: manifest.displayName[locale],
      description: manifest.description[locale],
      version: plugin.pkg.version,
      activation: manifest.activation,
      dependsOn: manifest.dependsOn,
      choice: own ? (own.active ? 'on' : 'off') : 'inherit',
      inheritedFrom: above
        ? { organizationId: above.organizationId, organizationName: above.organizationName, active: above.active }
        : null,
      active: on,
      blockedByDependency: wanted && !on,
    };
  });
}
