// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from 'zod';
import { HttpError } from '../../sdk/errors';
import type { RouteRegistrar } from '../../sdk/routes';
import {
  checkParams,
  choicesFor,
  downloadRun,
  listRuns,
  runnableFlow,
  runnableFlows,
  startExport,
  visibleRun,
  type ExportsSetup,
} from './actions';
import { EXPORTS } from './permissions';
import { flowJson, runJson } from './present';
import { exportFlowOutput, exportRunOutput, exportStartInput } from './schemas';

/** The exports API: the flows one may run, starting a run (202), the runs, one run, its file. */
export function exportsApi(r: RouteRegistrar, setup: ExportsSetup): void {
  r.get(
    'api.exports.flows',
    '/api/v1/exports/flows',
    {
      permission: EXPORTS.use,
      response: z.object({ items: z.array(exportFlowOutput) }),
      summary: 'The export flows the caller may run in their organization, with the parameters each asks for',
    },
    async (ctx) => {
      const items = [];
      // One flow after the other: the choices are read through the request's one transaction.
      for (const flow of runnableFlows(ctx)) items.push(flowJson(ctx, flow, await choicesFor(ctx, flow)));
      return { json: { items } };
    },
  );

  r.post(
    'api.exports.start',
    '/api/v1/exports',
    {
      permission: EXPORTS.use,
      body: exportStartInput,
      response: exportRunOutput,
      summary: 'Start an export in the background (202): poll the run, then download its file',
    },
    async (ctx) => {
      const body = ctx.body as z.output<typeof exportStartInput>;
      const flow = runnableFlow(ctx, body.flow);
      const checked = await checkParams(ctx, flow, body.params ?? {});
      if (!checked.ok) throw HttpError.invalid(checked.errors.map((e) => ({ field: `params.${e.field}`, message: e.message })));
      return { json: runJson(ctx, await startExport(ctx, setup, flow, checked.params)), status: 202 };
    },
  );

  r.get(
    'api.exports',
    '/api/v1/exports',
    {
      permission: EXPORTS.use,
      response: z.object({ items: z.array(exportRunOutput) }),
      summary: "The runs of the caller's organization, newest first, of the flows whose permission the caller holds",
    },
    async (ctx) => ({ json: { items: (await listRuns(ctx, setup)).map((run) => runJson(ctx, run)) } }),
  );

  r.get(
    'api.exports.show',
    '/api/v1/exports/:id',
    { permission: EXPORTS.use, response: exportRunOutput, summary: 'One run: its state and progress' },
    async (ctx) => ({ json: runJson(ctx, await visibleRun(ctx, setup, ctx.params.id ?? '')) }),
  );

  r.get(
    'api.exports.file',
    '/api/v1/exports/:id/file',
    { permission: EXPORTS.use, summary: "A finished run's file, streamed (audited); 409 while it runs, 410 once removed" },
    (ctx) => downloadRun(ctx, setup, ctx.params.id ?? '', 'api'),
  );
}
