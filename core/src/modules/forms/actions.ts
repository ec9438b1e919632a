// SPDX-License-Identifier: AGPL-3.0-or-later
import type { z } from 'zod';
import type { RequestCtx } from '../../sdk/context';
import type { RouteContext } from '../../sdk/routes';
import type { FieldError } from '../../sdk/errors';
import { HttpError } from '../../sdk/errors';
import { CodeLists, type CodeList } from '../../sdk/extension-points/code-lists';
import { Forms, type FormDefinition } from '../../sdk/extension-points/forms';
import type { Person } from '../people/entities';
import { actor, visiblePerson } from '../people/actions';
import { AssessmentService, type Assessment } from './assessments';
import { computeClassifications, computeScores, localizeIssues, readAnswers } from './engine';
import type { assessmentCreateInput, assessmentUpdateInput } from './schemas';
import { localToday } from '../../sdk/local-time';

/**
 * Assessments as routes perform them, shared by the pages and the API: which forms the request may use,
 * the checks of visibility and state, the engine's reading of the answers, the write and its audit entry.
 */

export const assessments = new AssessmentService();

/** The subjects an assessment of a person is made for: the person, or the person within a cartella. */
const PERSON_SUBJECTS: readonly FormDefinition['subject'][] = ['person', 'cartella'];

/** The code lists the request's organization sees, as the engine looks them up. */
export const codeListsOf =
  (ctx: RouteContext) =>
  (id: string): CodeList | undefined =>
    ctx.extensions.get(CodeLists, id);

/** Forms of core and of the plugins active for the organization that the request may read, or fill in. */
export function usableForms(ctx: RouteContext, purpose: 'view' | 'submit'): FormDefinition[] {
  return ctx.extensions
    .keyed(Forms)
    .filter((f) => PERSON_SUBJECTS.includes(f.subject) && ctx.can(f.permissions[purpose]))
    .sort((a, b) => ctx.t(a.titleKey).localeCompare(ctx.t(b.titleKey)));
}

/**
 * A form the request may use for `purpose`: unknown (or of a plugin off here) is 404, not permitted 403.
 */
export function usableForm(ctx: RouteContext, id: string, purpose: 'view' | 'submit'): FormDefinition {
  const form = ctx.extensions.get(Forms, id);
  if (!form || !PERSON_SUBJECTS.includes(form.subject)) throw HttpError.notFound();
  if (!ctx.can(form.permissions[purpose])) throw new HttpError(403, 'core:errors.403.title');
  return form;
}

/**
 * An assessment the request may read, with its person, or 404: another organization's assessment, or one of a
 * person the request no longer sees, does not exist for it. The form may be gone (its plugin turned off
 * here): the answers stay readable; when it is there, its own view permission applies too.
 */
export async function visibleAssessment(
  ctx: RouteContext,
  id: string | undefined,
): Promise<{ assessment: Assessment; person: Person; form: FormDefinition | null }> {
  const assessment = id ? await assessments.find(ctx.em, id) : null;
  if (!assessment) throw HttpError.notFound();
  const person = await visiblePerson(ctx, assessment.personId);
  const form = ctx.extensions.get(Forms, assessment.formId) ?? null;
  if (form && !ctx.can(form.permissions.view)) throw new HttpError(403, 'core:errors.403.title');
  return { assessment, person, form };
}

/** Only the assessments the request may read: a form's own view permission applies on top of the route's. */
export function readable(ctx: RouteContext, list: readonly Assessment[]): Assessment[] {
  return list.filter((a) => {
    const form = ctx.extensions.get(Forms, a.formId);
    return !form || ctx.can(form.permissions.view);
  });
}

/** What of a person's assessments a request may read, as an eligibility check gathers them. */
export interface AssessmentAccess {
  /** It holds `core.assessments.view`: without it, no assessment at all. */
  readonly reads: boolean;
  /** The forms the organization has whose own view permission it lacks (every form, when it reads none). */
  readonly unreadableForms: readonly string[];
}

/** The assessments the request may read: the same permissions as the pages and the API (`readable`). */
export function assessmentAccess(ctx: RequestCtx): AssessmentAccess {
  const reads = ctx.can('core.assessments.view');
  const unreadableForms = ctx.extensions
    .keyed(Forms)
    .filter((f) => !reads || !ctx.can(f.permissions.view))
    .map((f) => f.id);
  return { reads, unreadableForms };
}

/** The outcome of a save: the assessment, or the fields at fault (which a page shows, and the API answers 422 with). */
export type SaveOutcome = { readonly ok: true; readonly assessment: Assessment } | { readonly ok: false; readonly errors: FieldError[] };

function read(ctx: RouteContext, form: FormDefinition, answers: unknown, status: 'draft' | 'final', on: string) {
  const result = readAnswers(form, answers, { codeList: codeListsOf(ctx), final: status === 'final', on });
  const scores = computeScores(form, result.answers);
  return {
    answers: result.answers,
    errors: localizeIssues(result.issues, ctx.t),
    scores,
    classifications: computeClassifications(form, scores),
  };
}

/** A correction names a final assessment of the same person and form, which the request sees. */
async function correctionProblem(ctx: RouteContext, correctsId: string | undefined, person: Person, form: FormDefinition) {
  if (!correctsId) return null;
  const corrected = await assessments.find(ctx.em, correctsId);
  return corrected && corrected.personId === person.id && corrected.formId === form.id && corrected.status === 'final'
    ? null
    : { field: 'correctsId', message: ctx.t('core:forms.assessments.errors.corrects') };
}

export async function createAssessment(
  ctx: RouteContext,
  person: Person,
  input: z.output<typeof assessmentCreateInput>,
): Promise<SaveOutcome> {
  const form = usableForm(ctx, input.formId, 'submit');
  if (person.mergedInto) throw HttpError.conflict('core:people.merged');
  const assessedOn = input.assessedOn ?? localToday();
  const { answers, errors, scores, classifications } = read(ctx, form, input.answers, input.status, assessedOn);
  const corrects = await correctionProblem(ctx, input.correctsId, person, form);
  if (corrects) errors.unshift(corrects);
  if (errors.length) return { ok: false, errors };
  const assessment = await assessments.create(
    ctx.em,
    {
      personId: person.id,
      formId: form.id,
      formVersion: form.version,
      answers,
      scores,
      classifications,
      status: input.status,
      assessedOn,
      correctsId: input.correctsId ?? null,
    },
    actor(ctx),
  );
  await ctx.audit({
    action: 'assessment.create',
    entity: 'assessment',
    entityId: assessment.id,
    details: {
      person: person.id,
      form: form.id,
      status: assessment.status,
      ...(assessment.correctsId ? { corrects: assessment.correctsId } : {}),
    },
  });
  return { ok: true, assessment };
}

/** Saves a draft again, or finalizes it; a final assessment, or a stale version, is a conflict. */
export async function updateAssessment(
  ctx: RouteContext,
  assessment: Assessment,
  input: z.output<typeof assessmentUpdateInput>,
): Promise<SaveOutcome> {
  if (assessment.status === 'final') throw HttpError.conflict('core:forms.assessments.errors.final');
  const form = usableForm(ctx, assessment.formId, 'submit');
  const assessedOn = input.assessedOn ?? assessment.assessedOn;
  const { answers, errors, scores, classifications } = read(ctx, form, input.answers, input.status, assessedOn);
  if (errors.length) return { ok: false, errors };
  // A draft started under an earlier version of the form is saved under the current one: it was read against it.
  const outcome = await assessments.update(
    ctx.em,
    assessment,
    input.version,
    { formVersion: form.version, answers, scores, classifications, status: input.status, assessedOn },
    actor(ctx),
  );
  if (outcome.kind === 'final') throw HttpError.conflict('core:forms.assessments.errors.final');
  if (outcome.kind === 'stale') throw HttpError.conflict('core:forms.assessments.errors.stale', { version: outcome.version });
  await ctx.audit({
    action: input.status === 'final' ? 'assessment.finalize' : 'assessment.update',
    entity: 'assessment',
    entityId: assessment.id,
    details: { person: assessment.personId, form: form.id },
  });
  return { ok: true, assessment: outcome.assessment };
}

/** Records a read of one assessment. */
export async function auditRead(ctx: RouteContext, assessment: Assessment, purpose?: string): Promise<void> {
  await ctx.audit({
    action: 'assessment.read',
    entity: 'assessment',
    entityId: assessment.id,
    details: { person: assessment.personId, form: assessment.formId },
    ...(purpose ? { purpose } : {}),
  });
}

/** Records a read of a person's assessments (the list, a comparison): part of the person's record. */
export async function auditList(ctx: RouteContext, person: Person, what: 'list' | 'compare', count: number, form?: string): Promise<void> {
  await ctx.audit({
    action: `assessment.${what}`,
    entity: 'person',
    entityId: person.id,
    details: { assessments: count, ...(form ? { form } : {}) },
  });
}
