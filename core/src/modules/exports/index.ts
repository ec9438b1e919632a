// SPDX-License-Identifier: AGPL-3.0-or-later
import { resolve } from 'node:path';
import type { PluginRegistrar } from '../../sdk/plugin';
import { ExportFlows } from '../../sdk/extension-points/exports';
import { ScheduledJobs } from '../../sdk/extension-points/jobs';
import { MenuItems } from '../../sdk/extension-points/ui';
import { CoreTokens } from '../../tokens';
import type { ExportsSetup } from './actions';
import { exportsApi } from './api';
import { ExportFiles } from './files';
import { exportsPages } from './pages';
import { EXPORTS } from './permissions';
import {
  EXPORT_POLICY,
  RUN_JOB,
  cleanupExportsJob,
  resumeExportsJob,
  runExportJob,
  type AuditWriter,
  type RunTrigger,
  type RunnerDeps,
} from './runner';
import { ExportRunStore } from './store';

export { exportPermissions } from './permissions';

const KEEP_DAYS = 7;

/**
 * The consumer of `ExportFlows`: the _Esportazioni_ page and its API, where an operator starts a flow with
 * its parameters; the background job that writes its file under the exports folder, resumable from its
 * checkpoints; the sweep that picks up runs left behind; the nightly removal of old files.
 */
export function registerExports(p: PluginRegistrar): void {
  const config = p.container.isRegistered(CoreTokens.Config, true) ? p.container.resolve(CoreTokens.Config) : null;
  const files = new ExportFiles(config?.exports?.folder ?? resolve(config?.dataDir ?? 'data', 'exports'));
  const store = new ExportRunStore();
  // The runner and the audit log are the platform's, resolved when used: they exist once it runs.
  const trigger: RunTrigger = async (organizationId, runId) => {
    if (!p.container.isRegistered(CoreTokens.Jobs, true)) return;
    const jobs = p.container.resolve(CoreTokens.Jobs);
    // Through the queue this only sends the job (the queue retries a failed attempt). Where no queue runs the
    // run is worked here and a failed attempt throws: the next attempt follows at once, as the queue's would.
    let failure: unknown = null;
    for (let attempt = 0; attempt < EXPORT_POLICY.maxAttempts; attempt++) {
      try {
        await jobs.request(RUN_JOB, { organizationId, data: { runId } });
        return;
      } catch (error) {
        failure = error;
      }
    }
    throw failure;
  };
  const audit: AuditWriter = (em, organizationId, event) =>
    p.container
      .resolve(CoreTokens.Audit)
      .record(em, { operatorId: null, organizationId, roleId: null, requestId: `job:${RUN_JOB}`, ip: null }, event);
  const deps: RunnerDeps = { store, files: () => files, audit, trigger, keepDays: () => config?.exports?.keepDays ?? KEEP_DAYS };
  const setup: ExportsSetup = { store, files: () => files, trigger };

  p.contribute(ScheduledJobs, runExportJob(deps));
  p.contribute(ScheduledJobs, resumeExportsJob(deps));
  p.contribute(ScheduledJobs, cleanupExportsJob(deps));
  p.contribute(MenuItems, {
    id: 'core.exports',
    menu: 'main',
    labelKey: 'core:exports.menu',
    route: 'core.exports',
    position: 700,
    icon: 'it-download',
    permission: EXPORTS.use,
    // Only for those who may run a flow here: the page alone, with nothing to start, is no use.
    visible: (ctx) => ctx.extensions.keyed(ExportFlows).some((f) => ctx.can(f.permission)),
  });
  p.routes((r) => {
    exportsPages(r, setup);
    exportsApi(r, setup);
  });
}
