// SPDX-License-Identifier: AGPL-3.0-or-later
import { Migration } from '@mikro-orm/migrations';

/**
 * A run a flow refused (`ExportRefused`: its data make the file impossible, nothing to send in the period, say)
 * fails at once with `flow-refused`, and `error_message` keeps the flow's message for the operator: its i18n key
 * and the values it names (`{"key": "siuss:exports.errors.empty", "values": {...}}`), translated in each reader's
 * language when shown. Unlike `error`, it is meant to be read by operators, and holds nothing personal.
 */
export class Migration20261125020000_export_refusals extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table core.export_run drop constraint export_run_error_code_check');
    this.addSql(`alter table core.export_run add constraint export_run_error_code_check
      check (error_code in ('flow-failed', 'flow-unavailable', 'file-failed', 'flow-refused'))`);
    this.addSql(`alter table core.export_run add column error_message jsonb
      check (jsonb_typeof(error_message) = 'object' and length(error_message::text) <= 2000)`);
  }
}
