// SPDX-License-Identifier: AGPL-3.0-or-later
import type { VirusScanAdapter } from '../../sdk/extension-points/ports';

/**
 * Core's virus-scan adapter: there is no scanner without a plugin that brings one (ClamAV, the
 * organization's gateway), so nothing is scanned and it says so (`not-scanned`), never "clean". Any
 * plugin implementing the VirusScanPort takes its place.
 */
export const VIRUS_SCAN_NOT_CONFIGURED: VirusScanAdapter = {
  id: 'core.virus-scan-not-configured',
  scan: () => Promise.resolve({ status: 'not-scanned' }),
};
