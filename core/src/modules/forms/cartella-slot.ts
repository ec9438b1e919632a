// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PageSlot } from '../../sdk/extension-points/ui';
import { Forms } from '../../sdk/extension-points/forms';
import { cartelle } from '../cartella/actions';
import { assessments } from './actions';

/** How many assessments the cartella's page lists; the person's assessments page has them all. */
export const CARTELLA_SLOT_LIMIT = 5;

/** Assessments are of a person; those the cartella's page shows are of its person, on the forms the reader may see. */
const PERSON_SUBJECTS = ['person', 'cartella'];

/**
 * The latest assessments of the cartella's person on its page (form, date, draft or final, the band of each
 * complete total and the profiles they make), the way to all of them and to a new one for those who may fill forms in.
 */
export const assessmentsCartellaSlot: PageSlot = {
  id: 'core.assessments.cartella',
  zone: 'cartella.main.after',
  template: 'core:forms/cartella-slot',
  position: 20,
  permission: 'core.assessments.view',
  async load(ctx, subject) {
    if (subject?.kind !== 'cartella') return null;
    const cartella = await cartelle.find(ctx.em, subject.id);
    if (!cartella) return null;
    const forms = ctx.extensions.keyed(Forms).filter((f) => PERSON_SUBJECTS.includes(f.subject));
    const readable = forms.filter((f) => ctx.can(f.permissions.view));
    const { items, total } = await assessments.latestOfPerson(
      ctx.em,
      cartella.personId,
      readable.map((f) => f.id),
      CARTELLA_SLOT_LIMIT,
    );
    await ctx.audit({
      action: 'assessment.list',
      entity: 'person',
      entityId: cartella.personId,
      details: { assessments: total, cartella: cartella.id, where: 'cartella' },
    });
    const fillable = ctx.can('core.assessments.edit') && cartella.state !== 'closed' && forms.some((f) => ctx.can(f.permissions.submit));
    return {
      personId: cartella.personId,
      canFill: fillable,
      total,
      more: total > items.length,
      items: items.map((a) => {
        const form = readable.find((f) => f.id === a.formId);
        return {
          id: a.id,
          assessedOn: a.assessedOn,
          formTitle: form ? ctx.t(form.titleKey) : a.formId,
          draft: a.status === 'draft',
          bands: Object.entries(a.scores)
            .filter(([, s]) => s.complete && s.band)
            .map(([id, s]) => {
              const totalDef = form?.totals?.find((t) => t.id === id);
              return { label: totalDef ? ctx.t(totalDef.labelKey) : id, value: s.value, max: s.max, band: ctx.t(s.band!) };
            }),
          // The profiles named (every total they read complete), as the bands above.
          profiles: Object.entries(a.classifications ?? {})
            .filter(([, c]) => c.complete && c.label)
            .map(([id, c]) => {
              const classification = form?.classifications?.find((x) => x.id === id);
              return { label: classification ? ctx.t(classification.labelKey) : id, profile: ctx.t(c.label!) };
            }),
        };
      }),
    };
  },
};
