// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PluginRegistrar } from '../../sdk/plugin';
import { AlertRules } from '../../sdk/extension-points/alerts';
import { PageSlots } from '../../sdk/extension-points/ui';
import { registerPlanApi } from './api';
import { planCartellaSlot } from './cartella-slot';
import { registerPlanPages } from './pages';
import { planReviewOverdueRule } from './review-overdue';

export { planPermissions } from './permissions';

/** The individual plan (PAI) of a cartella: goals, reviews, the overdue-review alert; pages and API. */
export function registerPlans(p: PluginRegistrar): void {
  p.contribute(AlertRules, planReviewOverdueRule);
  p.contribute(PageSlots, planCartellaSlot);
  p.routes((r) => {
    registerPlanPages(r);
    registerPlanApi(r);
  });
}
