// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from 'zod';
import type { RouteContext, RouteRegistrar } from '../../sdk/routes';
import { HttpError } from '../../sdk/errors';
import { visiblePerson } from '../people/actions';
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
import { assessmentJson, describeForm } from './present';
import { assessmentCreateInput, assessmentListQuery, assessmentOutput, assessmentUpdateInput, formOutput } from './schemas';
import { localToday } from '../../sdk/local-time';

const formSummary = z
  .object({
    id: z.string(),
    version: z.number().int(),
    title: z.string(),
    description: z.string().nullable(),
    subject: z.string(),
    canSubmit: z.boolean(),
  })
  .meta({ id: 'FormSummary' });

/** The engine's verdict on the answers, as the API answers it: 422 with `answers.<field id>` at fault. */
function saved(ctx: RouteContext, outcome: SaveOutcome, status: number) {
  if (!outcome.ok) throw HttpError.invalid(outcome.errors);
  return { json: assessmentJson(ctx, outcome.assessment), status };
}

/** The forms and assessments API under /api/v1, on the same operations as the pages. */
export function registerAssessmentApi(r: RouteRegistrar): void {
  r.get(
    'api.forms',
    '/api/v1/forms',
    {
      permission: 'core.assessments.view',
      response: z.object({ items: z.array(formSummary) }),
      summary: 'The assessment forms the organization has (core and its active plugins) that the caller may read',
    },
    (ctx) => ({
      json: {
        items: usableForms(ctx, 'view').map((f) => ({
          id: f.id,
          version: f.version,
          title: ctx.t(f.titleKey),
          description: f.descriptionKey ? ctx.t(f.descriptionKey) : null,
          subject: f.subject,
          canSubmit: ctx.can(f.permissions.submit),
        })),
      },
    }),
  );
  r.get(
    'api.forms.show',
    '/api/v1/forms/:id',
    {
      permission: 'core.assessments.view',
      response: formOutput,
      summary: "A form's definition, labels in the request's language: sections, fields, options, conditions, totals and bands",
    },
    (ctx) => ({ json: describeForm(ctx, usableForm(ctx, ctx.params.id ?? '', 'view'), localToday()) }),
  );
  r.get(
    'api.assessments.person',
    '/api/v1/people/:id/assessments',
    {
      permission: 'core.assessments.view',
      query: assessmentListQuery,
      response: z.object({ items: z.array(assessmentOutput) }),
      summary: "A person's assessments, newest first",
    },
    async (ctx) => {
      const person = await visiblePerson(ctx, ctx.params.id);
      const { form } = ctx.query as z.output<typeof assessmentListQuery>;
      const list = readable(ctx, await assessments.ofPerson(ctx.em, person.id, form));
      await auditList(ctx, person, 'list', list.length, form);
      return { json: { items: list.map((a) => assessmentJson(ctx, a)) } };
    },
  );
  r.post(
    'api.assessments.create',
    '/api/v1/people/:id/assessments',
    {
      permission: 'core.assessments.edit',
      body: assessmentCreateInput,
      response: assessmentOutput,
      summary: 'Record an assessment of a person with a form: a draft, or final (422 lists the answers at fault as answers.<field id>)',
    },
    async (ctx) => {
      const person = await visiblePerson(ctx, ctx.params.id);
      return saved(ctx, await createAssessment(ctx, person, ctx.body as z.output<typeof assessmentCreateInput>), 201);
    },
  );
  r.get(
    'api.assessments.show',
    '/api/v1/assessments/:id',
    { permission: 'core.assessments.view', response: assessmentOutput, summary: 'Read an assessment: answers, totals and bands' },
    async (ctx) => {
      const { assessment } = await visibleAssessment(ctx, ctx.params.id);
      await auditRead(ctx, assessment);
      return { json: assessmentJson(ctx, assessment) };
    },
  );
  r.put(
    'api.assessments.update',
    '/api/v1/assessments/:id',
    {
      permission: 'core.assessments.edit',
      body: assessmentUpdateInput,
      response: assessmentOutput,
      summary: 'Save a draft again, or finalize it (409 when final already, or when the version is stale)',
    },
    async (ctx) => {
      const { assessment } = await visibleAssessment(ctx, ctx.params.id);
      return saved(ctx, await updateAssessment(ctx, assessment, ctx.body as z.output<typeof assessmentUpdateInput>), 200);
    },
  );
}
