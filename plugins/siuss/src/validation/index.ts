// SPDX-License-Identifier: AGPL-3.0-or-later
export { ISSUE_KEYS, validateEnte, validatePs, validateSinba } from './validate';
