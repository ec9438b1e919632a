// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Semver of the plugin API (everything exported from `@sigess/core/sdk`).
 * It changes with the SDK surface, not with core internals: a plugin's
 * `engines.sigess` range is checked against this value at start-up.
 */
export const SDK_VERSION = '0.1.0';
