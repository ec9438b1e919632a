// SPDX-License-Identifier: AGPL-3.0-or-later
import type { IseeAdapter } from '../../sdk/extension-points/ports';

/**
 * Core's ISEE adapter: there is no INPS connection without a plugin that brings one (PDND agreement,
 * e-service credentials, purpose ids), so it makes no call and says so in words an operator can act on.
 * Any plugin implementing the IseePort takes its place.
 */
export const ISEE_NOT_CONFIGURED: IseeAdapter = {
  id: 'core.isee-not-configured',
  retrieve: () => Promise.resolve({ status: 'not-configured', reasonKey: 'core:isee.retrieve.notConfigured' }),
};
