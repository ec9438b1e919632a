// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RouteContext, RouteRegistrar, RouteResult } from '../../sdk/routes';
import type { FieldError } from '../../sdk/errors';
import { HttpError } from '../../sdk/errors';
import type { FormDefinition } from '../../sdk/extension-points/forms';
import { Forms } from '../../sdk/extension-points/forms';
import type { Person } from '../people/entities';
import { visiblePerson } from '../people/actions';
import type { Assessment } from './assessments';
import {
  assessments,
  auditList,
  auditRead,
  createAssessment,
  readable,
  updateAssessment,
  usableForm,
  usableForms,
  visibleAssessment,
  type SaveOutcome,
} from './actions';
import {
  answersModel,
  classificationsModel,
  compareModel,
  formModel,
  liveStrings,
  scoresModel,
  summaryErrors,
  type FormValues,
} from './present';
import { assessmentCreateInput, assessmentUpdateInput } from './schemas';
import { localToday } from '../../sdk/local-time';

/** How many assessments the comparison shows side by side: the newest ones. */
export const COMPARE_COLUMNS = 6;

const personName = (p: Person): string => `${p.surname} ${p.name}`;

const answersOf = (body: unknown): FormValues => {
  const answers = (body as { answers?: unknown } | undefined)?.answers;
  return answers && typeof answers === 'object' && !Array.isArray(answers) ? (answers as FormValues) : {};
};

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** A form's title, or its id when the form is gone (its plugin turned off here): the answers stay readable. */
const titleOf = (ctx: RouteContext, formId: string, form: FormDefinition | null | undefined): string =>
  form ? ctx.t(form.titleKey) : ctx.t('core:forms.assessments.unavailableForm', { id: formId });

interface FormPage {
  readonly person: Person;
  readonly form: FormDefinition;
  readonly action: string;
  readonly values: FormValues;
  readonly errors: readonly FieldError[];
  readonly assessedOn: string;
  readonly version?: number;
  readonly corrects?: Assessment | null;
  readonly conflict?: boolean;
  readonly reloadHref?: string;
}

/** The page that fills in a form, new or a draft again. */
function formPage(ctx: RouteContext, page: FormPage, status = 200): RouteResult {
  const title = ctx.t(page.form.titleKey);
  return {
    view: 'core:forms/form',
    status,
    model: {
      title: page.version
        ? ctx.t('core:forms.assessments.editTitle', { form: title, name: personName(page.person) })
        : ctx.t('core:forms.assessments.newTitle', { form: title, name: personName(page.person) }),
      formTitle: title,
      description: page.form.descriptionKey ? ctx.t(page.form.descriptionKey) : null,
      person: { ...page.person, href: ctx.url('core.people.show', { id: page.person.id }) },
      action: page.action,
      formId: page.form.id,
      ...formModel(ctx, page.form, page.values, page.errors, page.assessedOn),
      liveStrings: liveStrings(ctx),
      errors: page.errors,
      summary: summaryErrors(ctx, page.form, page.errors),
      assessedOn: page.assessedOn,
      today: localToday(),
      version: page.version ?? null,
      corrects: page.corrects
        ? { id: page.corrects.id, assessedOn: page.corrects.assessedOn, href: ctx.url('core.assessments.show', { id: page.corrects.id }) }
        : null,
      conflict: page.conflict ?? false,
      reloadHref: page.reloadHref ?? null,
      cancelHref: ctx.url('core.assessments.person', { id: page.person.id }),
    },
  };
}

/** The form's own errors (date, status) and the engine's, from a save that did not happen. */
function failed(outcome: SaveOutcome): readonly FieldError[] {
  return outcome.ok ? [] : outcome.errors;
}

function listModel(ctx: RouteContext, person: Person, list: readonly Assessment[]) {
  const formOf = (id: string) => ctx.extensions.get(Forms, id);
  const counts = new Map<string, number>();
  for (const a of list) counts.set(a.formId, (counts.get(a.formId) ?? 0) + 1);
  return {
    items: list.map((a) => ({
      id: a.id,
      href: ctx.url('core.assessments.show', { id: a.id }),
      assessedOn: a.assessedOn,
      formTitle: titleOf(ctx, a.formId, formOf(a.formId)),
      draft: a.status === 'draft',
      corrected: Boolean(a.correctedById),
      author: a.author,
      scores: scoresModel(ctx, formOf(a.formId) ?? null, a),
      classifications: classificationsModel(ctx, formOf(a.formId) ?? null, a),
    })),
    compare: [...counts]
      .filter(([id, n]) => n > 1 && formOf(id))
      .map(([id]) => ({
        title: titleOf(ctx, id, formOf(id)),
        href: `${ctx.url('core.assessments.compare', { id: person.id })}?${new URLSearchParams({ form: id })}`,
      })),
  };
}

/** Assessment pages: a person's list with the forms to fill in, the form, the assessment (and its print), the comparison. */
export function registerAssessmentPages(r: RouteRegistrar): void {
  r.get('assessments.person', '/people/:id/assessments', { permission: 'core.assessments.view' }, async (ctx) => {
    const person = await visiblePerson(ctx, ctx.params.id);
    const list = readable(ctx, await assessments.ofPerson(ctx.em, person.id));
    await auditList(ctx, person, 'list', list.length);
    const fillable = ctx.can('core.assessments.edit') && !person.mergedInto ? usableForms(ctx, 'submit') : [];
    return {
      view: 'core:forms/list',
      model: {
        title: ctx.t('core:forms.assessments.listTitle', { name: personName(person) }),
        person: { ...person, href: ctx.url('core.people.show', { id: person.id }) },
        ...listModel(ctx, person, list),
        newAction: ctx.url('core.assessments.new', { id: person.id }),
        forms: fillable.map((f) => ({
          id: f.id,
          title: ctx.t(f.titleKey),
          description: f.descriptionKey ? ctx.t(f.descriptionKey) : null,
        })),
      },
    };
  });

  r.get('assessments.new', '/people/:id/assessments/new', { permission: 'core.assessments.edit' }, async (ctx) => {
    const person = await visiblePerson(ctx, ctx.params.id);
    if (!ctx.query.form) return { redirect: ctx.url('core.assessments.person', { id: person.id }) };
    const form = usableForm(ctx, str(ctx.query.form), 'submit');
    if (person.mergedInto) throw HttpError.conflict('core:people.merged');
    // A correction starts from the answers of the final assessment it corrects.
    const corrects = ctx.query.corrects ? await visibleAssessment(ctx, str(ctx.query.corrects)) : null;
    const correctable = (a: Assessment) => a.personId === person.id && a.formId === form.id && a.status === 'final';
    if (corrects && !correctable(corrects.assessment)) throw HttpError.notFound();
    if (corrects) await auditRead(ctx, corrects.assessment, 'correction');
    return formPage(ctx, {
      person,
      form,
      action: ctx.url('core.assessments.create', { id: person.id }),
      values: corrects?.assessment.answers ?? {},
      errors: [],
      assessedOn: localToday(),
      corrects: corrects?.assessment ?? null,
    });
  });

  r.post(
    'assessments.create',
    '/people/:id/assessments',
    { permission: 'core.assessments.edit', body: assessmentCreateInput },
    async (ctx) => {
      const person = await visiblePerson(ctx, ctx.params.id);
      const body = (ctx.body ?? {}) as Record<string, unknown>;
      const form = usableForm(ctx, str(body.formId), 'submit');
      const parsed = ctx.validate(assessmentCreateInput, body);
      const outcome: SaveOutcome = parsed.ok ? await createAssessment(ctx, person, parsed.data) : { ok: false, errors: [...parsed.errors] };
      if (outcome.ok) return { redirect: `${ctx.url('core.assessments.show', { id: outcome.assessment.id })}?saved=1` };
      const corrects = parsed.ok && parsed.data.correctsId ? await assessments.find(ctx.em, parsed.data.correctsId) : null;
      return formPage(
        ctx,
        {
          person,
          form,
          action: ctx.url('core.assessments.create', { id: person.id }),
          values: answersOf(body),
          errors: failed(outcome),
          assessedOn: str(body.assessedOn) || localToday(),
          corrects: corrects && corrects.personId === person.id ? corrects : null,
        },
        422,
      );
    },
  );

  r.get('assessments.compare', '/people/:id/assessments/compare', { permission: 'core.assessments.view' }, async (ctx) => {
    const person = await visiblePerson(ctx, ctx.params.id);
    const form = usableForm(ctx, str(ctx.query.form), 'view');
    const all = await assessments.ofPerson(ctx.em, person.id, form.id);
    const shown = all.slice(0, COMPARE_COLUMNS);
    await auditList(ctx, person, 'compare', shown.length, form.id);
    return {
      view: 'core:forms/compare',
      model: {
        title: ctx.t('core:forms.assessments.compareTitle', { form: ctx.t(form.titleKey), name: personName(person) }),
        person: { ...person, href: ctx.url('core.people.show', { id: person.id }) },
        listHref: ctx.url('core.assessments.person', { id: person.id }),
        ...compareModel(ctx, form, shown),
        older: all.length - shown.length,
      },
    };
  });

  r.get('assessments.show', '/assessments/:id', { permission: 'core.assessments.view' }, async (ctx) => {
    const { assessment, person, form } = await visibleAssessment(ctx, ctx.params.id);
    const print = ctx.query.print === '1';
    await auditRead(ctx, assessment, print ? 'print' : undefined);
    const canSubmit = Boolean(form && ctx.can(form.permissions.submit) && ctx.can('core.assessments.edit'));
    const link = (id: string | null) => (id ? ctx.url('core.assessments.show', { id }) : null);
    return {
      view: print ? 'core:forms/print' : 'core:forms/show',
      model: {
        title: `${titleOf(ctx, assessment.formId, form)} · ${personName(person)}`,
        formTitle: titleOf(ctx, assessment.formId, form),
        person: { ...person, href: ctx.url('core.people.show', { id: person.id }) },
        organization: ctx.org?.name ?? null,
        assessment,
        draft: assessment.status === 'draft',
        versionNote:
          form && form.version !== assessment.formVersion
            ? ctx.t('core:forms.assessments.versionNote', { given: assessment.formVersion, current: form.version })
            : null,
        formGone: !form,
        ...answersModel(ctx, form, assessment.answers),
        scores: scoresModel(ctx, form, assessment),
        classifications: classificationsModel(ctx, form, assessment),
        editHref: assessment.status === 'draft' && canSubmit ? ctx.url('core.assessments.edit', { id: assessment.id }) : null,
        correctHref:
          assessment.status === 'final' && canSubmit && !person.mergedInto
            ? `${ctx.url('core.assessments.new', { id: person.id })}?${new URLSearchParams({ form: assessment.formId, corrects: assessment.id })}`
            : null,
        printHref: `${ctx.url('core.assessments.show', { id: assessment.id })}?print=1`,
        showHref: ctx.url('core.assessments.show', { id: assessment.id }),
        listHref: ctx.url('core.assessments.person', { id: person.id }),
        correctsHref: link(assessment.correctsId),
        correctedByHref: link(assessment.correctedById),
        printedAt: new Date(),
        saved: ctx.query.saved === '1',
      },
    };
  });

  r.get('assessments.edit', '/assessments/:id/edit', { permission: 'core.assessments.edit' }, async (ctx) => {
    const { assessment, person } = await visibleAssessment(ctx, ctx.params.id);
    if (assessment.status === 'final') throw HttpError.conflict('core:forms.assessments.errors.final');
    const form = usableForm(ctx, assessment.formId, 'submit');
    await auditRead(ctx, assessment);
    return formPage(ctx, {
      person,
      form,
      action: ctx.url('core.assessments.update', { id: assessment.id }),
      values: assessment.answers,
      errors: [],
      assessedOn: assessment.assessedOn,
      version: assessment.version,
    });
  });

  r.post('assessments.update', '/assessments/:id', { permission: 'core.assessments.edit', body: assessmentUpdateInput }, async (ctx) => {
    const { assessment, person } = await visibleAssessment(ctx, ctx.params.id);
    if (assessment.status === 'final') throw HttpError.conflict('core:forms.assessments.errors.final');
    const form = usableForm(ctx, assessment.formId, 'submit');
    const body = (ctx.body ?? {}) as Record<string, unknown>;
    const parsed = ctx.validate(assessmentUpdateInput, body);
    const page = (status: number, errors: readonly FieldError[], extra: Partial<FormPage> = {}) =>
      formPage(
        ctx,
        {
          person,
          form,
          action: ctx.url('core.assessments.update', { id: assessment.id }),
          values: answersOf(body),
          errors,
          assessedOn: str(body.assessedOn) || assessment.assessedOn,
          version: parsed.ok ? parsed.data.version : assessment.version,
          ...extra,
        },
        status,
      );
    if (!parsed.ok) return page(422, parsed.errors);
    let outcome: SaveOutcome;
    try {
      outcome = await updateAssessment(ctx, assessment, parsed.data);
    } catch (error) {
      // Someone saved the draft meanwhile: keep the operator's answers on screen, with the saved version to start from.
      if (!(error instanceof HttpError && error.status === 409 && error.detailKey === 'core:forms.assessments.errors.stale')) throw error;
      const saved = error.extensions.version as number;
      return page(409, [], { conflict: true, version: saved, reloadHref: ctx.url('core.assessments.edit', { id: assessment.id }) });
    }
    if (!outcome.ok) return page(422, outcome.errors);
    return { redirect: `${ctx.url('core.assessments.show', { id: assessment.id })}?saved=1` };
  });
}
