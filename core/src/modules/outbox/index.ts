// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PluginRegistrar } from '../../sdk/plugin';
import { MenuItems } from '../../sdk/extension-points/ui';
import { ScheduledJobs } from '../../sdk/extension-points/jobs';
import { OutboxPort } from '../../sdk/outbox';
import { CoreTokens } from '../../tokens';
import { outboxApi } from './api';
import { DELIVER_JOB, deliverOutboxJob, type AuditWriter } from './deliver';
import { outboxPages } from './pages';
import { OUTBOX } from './permissions';
import { OutboxService } from './service';
import { outboxStore, type DeliveryTrigger } from './store';

export { outboxPermissions } from './permissions';

const service = new OutboxService();

/**
 * The outbox: core's `OutboxPort` (messages recorded in the caller's transaction), the delivery job (right
 * after a commit, and every minute), and the administrators' page and API with "retry now".
 */
export function registerOutbox(p: PluginRegistrar): void {
  const outbox = () => service;
  // The runner and the audit log are the platform's, resolved when used: they exist once it runs.
  const trigger: DeliveryTrigger = async (organizationId) => {
    if (!p.container.isRegistered(CoreTokens.Jobs, true)) return;
    await p.container.resolve(CoreTokens.Jobs).request(DELIVER_JOB, { organizationId });
  };
  const audit: AuditWriter = (em, organizationId, event) =>
    p.container
      .resolve(CoreTokens.Audit)
      .record(em, { operatorId: null, organizationId, roleId: null, requestId: `job:${DELIVER_JOB}`, ip: null }, event);
  p.implement(OutboxPort, outboxStore(outbox, trigger));
  p.contribute(ScheduledJobs, deliverOutboxJob(outbox, audit));
  p.contribute(MenuItems, {
    id: 'core.admin.outbox',
    menu: 'main',
    labelKey: 'core:outbox.menu',
    route: 'core.admin.outbox',
    position: 830,
    icon: 'it-upload',
    permission: OUTBOX.view,
  });
  p.routes((r) => {
    outboxPages(r, outbox, trigger);
    outboxApi(r, outbox, trigger);
  });
}
