// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AlertRule } from '../../../sdk/extension-points/alerts';
import { iseeExpiringRule } from './isee-expiring';
import { repeatedAccessRule } from './repeated-access';

/** The rules core ships; plugins add theirs to the same extension point. */
export const CORE_ALERT_RULES: readonly AlertRule[] = [repeatedAccessRule, iseeExpiringRule];
