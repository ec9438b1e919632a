// SPDX-License-Identifier: AGPL-3.0-or-later
import type { LoadedPlugin } from '../../kernel/kernel';
import type { PermissionCatalogue } from '../../kernel/permissions';
import type { ActivationService } from '../organizations/activation';
import type { OrganizationService } from '../organizations/service';
import type { RoleMatrix } from '../operators/matrix';
import type { SessionService } from '../operators/sessions';
import type { OrganizationThemes } from '../organizations/themes';
import type { Looks } from '../../views/looks';
import type { OrganizationStructure } from '../../sdk/extension-points/organizations';

/**
 * What the administration reads and changes at run time: the platform's own
 * instances (registered under `CoreTokens.Administration` once it starts), so
 * that the caches the request pipeline reads are the ones invalidated here.
 */
export interface AdminServices {
  /** The enabled plugins, in dependency order; core is not one of them. */
  readonly plugins: readonly LoadedPlugin[];
  readonly permissions: PermissionCatalogue;
  readonly activation: ActivationService;
  readonly organizations: OrganizationService;
  readonly matrix: RoleMatrix;
  readonly sessions: SessionService;
  /** The installed themes, and the theme each organization chooses or inherits. */
  readonly looks: Looks;
  readonly organizationThemes: OrganizationThemes;
  /** The organization structures the enabled plugins offer, whichever organizations they are active for. */
  readonly structures: readonly OrganizationStructure[];
}
