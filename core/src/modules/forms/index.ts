// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PluginRegistrar } from '../../sdk/plugin';
import { CodeLists } from '../../sdk/extension-points/code-lists';
import { Forms } from '../../sdk/extension-points/forms';
import { PersonReferences } from '../../sdk/extension-points/people';
import { PageSlots } from '../../sdk/extension-points/ui';
import { FORM_CODE_LISTS } from './definitions/code-lists';
import { SOCIAL_ASSESSMENT_FORM } from './definitions/social-assessment';
import { TRIAGE_FORM } from './definitions/triage';
import { registerAssessmentApi } from './api';
import { assessmentsCartellaSlot } from './cartella-slot';
import { registerAssessmentPages } from './pages';

export { formsPermissions } from './permissions';

/**
 * The forms engine and assessments (valutazioni): core's two generic forms and the code lists they use, the
 * pages and the API that fill in any form contributed through `Forms`, store the answers and compare them.
 */
export function registerForms(p: PluginRegistrar): void {
  for (const list of FORM_CODE_LISTS) p.contribute(CodeLists, list);
  p.contribute(Forms, TRIAGE_FORM);
  p.contribute(Forms, SOCIAL_ASSESSMENT_FORM);
  p.contribute(PageSlots, assessmentsCartellaSlot);
  // A merge of two registrations of a person moves their assessments to the survivor (and an undo moves them back).
  p.contribute(PersonReferences, { id: 'core.assessment', table: 'core.assessment', column: 'person_id', key: 'id' });
  p.routes((r) => {
    registerAssessmentPages(r);
    registerAssessmentApi(r);
  });
}
