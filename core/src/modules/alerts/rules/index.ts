// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AlertRule } from '../../../sdk/extension-points/alerts';
import { interventionExpiringRule } from './intervention-expiring';
import { iseeExpiringRule } from './isee-expiring';
import { minorsCriticalEventRule } from './minors-critical-event';
import { repeatedAccessRule } from './repeated-access';

/** The rules core ships; plugins add theirs to the same extension point. */
export const CORE_ALERT_RULES: readonly AlertRule[] = [
  repeatedAccessRule,
  iseeExpiringRule,
  minorsCriticalEventRule,
  interventionExpiringRule,
];
