// SPDX-License-Identifier: AGPL-3.0-or-later

/**
 * The row-level security every table of personal data gets: rows owned by an
 * organization the request may see (`core.request_scope()`, set per
 * transaction). Shared by the migrations; what it writes must never change
 * for one already applied, so a different policy gets a new function.
 */
export function ownedByScope(table: string): string[] {
  return [
    `alter table core.${table} enable row level security`,
    `create policy ${table}_scope on core.${table} using (owner_org_id = any (core.request_scope()))`,
  ];
}
