// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from 'zod';
import type { PluginRegistrar } from '../../sdk/plugin';
import type { PermissionDeclaration } from '../../sdk/manifest';
import type { RouteContext } from '../../sdk/routes';
import { MenuItems } from '../../sdk/extension-points/ui';
import { CoreTokens } from '../../tokens';
import type { AuditEntry, AuditQuery } from './audit';

export const auditPermissions: PermissionDeclaration[] = [
  {
    id: 'core.audit.view',
    description: { it: 'Consultare ed esportare il registro degli accessi', en: 'Search and export the audit log' },
    defaultRoles: ['privacy-officer'],
  },
  {
    id: 'core.audit.verify',
    description: {
      it: "Verificare l'integrità del registro degli accessi (senza leggerne le voci)",
      en: "Verify the audit log's integrity (without reading its entries)",
    },
    defaultRoles: ['privacy-officer', 'system-admin'],
  },
];

const filters = z.object({
  operator: z.string().trim().max(100).optional(),
  from: z.iso.date().optional().or(z.literal('')),
  to: z.iso.date().optional().or(z.literal('')),
  person: z.string().trim().max(100).optional(),
  entity: z.string().trim().max(60).optional(),
  entityId: z.string().trim().max(100).optional(),
});

/**
 * The person a filter names by codice fiscale, provisional code or id, with
 * the aliases merged into them: their entries are the person's history too.
 * Looked up as the officer, so only people of their organizations are found.
 */
async function personIds(ctx: RouteContext, code: string): Promise<string[]> {
  const rows = await ctx.em.execute<{ id: string }[]>(
    `with named as (
       select id from core.person
       where codice_fiscale = upper(?) or provisional_code = upper(?) or id::text = lower(?)
     )
     select id::text as id from core.person where id in (select id from named) or merged_into in (select id from named)`,
    [code, code, code],
  );
  return rows.map((r) => r.id);
}

/** Reads the filters; an operator is named by username. Unknown or malformed filters match nothing rather than everything. */
async function query(
  ctx: RouteContext,
): Promise<{ q: AuditQuery; form: Record<string, string>; errors: { field: string; message: string }[] }> {
  const parsed = filters.safeParse(ctx.query);
  const raw = parsed.success ? parsed.data : {};
  const errors = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ field: String(i.path[0]), message: ctx.t('core:audit.errors.date') }));
  const form = {
    operator: raw.operator ?? '',
    person: raw.person ?? '',
    from: raw.from ?? '',
    to: raw.to ?? '',
    entity: raw.entity ?? '',
    entityId: raw.entityId ?? '',
  };
  let person: string[] | undefined;
  if (form.person) {
    person = await personIds(ctx, form.person);
    if (!person.length) errors.push({ field: 'person', message: ctx.t('core:audit.errors.person') });
  }
  let operatorId: string | undefined;
  let actor: string | undefined;
  // Another administration's system is named as the log names it: `service:<clientId>`.
  if (form.operator.startsWith('service:')) actor = form.operator;
  else if (form.operator) {
    const [row] = await ctx.em.execute<{ id: string }[]>('select id from core.operator where lower(username) = lower(?)', [form.operator]);
    operatorId = row?.id ?? '00000000-0000-0000-0000-000000000000';
  }
  const day = (d: string, plus = 0): Date | undefined => (d ? new Date(Date.parse(`${d}T00:00:00Z`) + plus * 86_400_000) : undefined);
  return {
    q: {
      operatorId,
      actor,
      ...(person ? { entity: 'person', entityIds: person } : { entity: form.entity || undefined, entityId: form.entityId || undefined }),
      from: day(form.from),
      to: day(form.to, 1),
    },
    form,
    errors,
  };
}

const distinct = (values: (string | null)[]): string[] => [...new Set(values.filter((v): v is string => Boolean(v)))];

/**
 * The log stores ids; the officer reads names: operators by username, roles in
 * the request's language, people by surname, name and code (those of the
 * officer's organizations; a person elsewhere stays an id).
 */
async function withNames(ctx: RouteContext, entries: AuditEntry[]) {
  const operatorIds = distinct(entries.map((e) => e.operatorId));
  const personIds = distinct(entries.map((e) => (e.entity === 'person' ? e.entityId : null)));
  const operators = operatorIds.length
    ? await ctx.em.execute<{ id: string; username: string }[]>(
        'select id::text as id, username from core.operator where id = any (?::uuid[])',
        [`{${operatorIds.join(',')}}`],
      )
    : [];
  const roles = await ctx.em.execute<{ id: string; name: string }[]>(
    `select id, ${ctx.locale === 'en' ? 'name_en' : 'name_it'} as name from core.role`,
  );
  const people = personIds.length
    ? await ctx.em.execute<{ id: string; label: string }[]>(
        `select id::text as id, concat_ws(' ', surname, name, coalesce(codice_fiscale, provisional_code)) as label
         from core.person where id = any (?::uuid[])`,
        [`{${personIds.join(',')}}`],
      )
    : [];
  const names = new Map(operators.map((r) => [r.id, r.username]));
  const roleNames = new Map(roles.map((r) => [r.id, r.name]));
  const subjects = new Map(people.map((r) => [r.id, r.label]));
  return entries.map((e) => ({
    ...e,
    operator: e.operatorId ? (names.get(e.operatorId) ?? e.operatorId) : (e.actor ?? null),
    role: e.roleId ? (roleNames.get(e.roleId) ?? e.roleId) : null,
    subject: e.entity === 'person' && e.entityId ? (subjects.get(e.entityId) ?? null) : null,
  }));
}

function csvCell(value: unknown): string {
  const text =
    value === null || value === undefined
      ? ''
      : value instanceof Date
        ? value.toISOString()
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value);
  // Quote everything; neutralise spreadsheet formulas.
  return `"${(/^[=+\-@]/.test(text) ? `'${text}` : text).replace(/"/g, '""')}"`;
}

/** The privacy officer's view of the audit log: search by operator, subject and period, and CSV export. */
export function registerAudit(p: PluginRegistrar): void {
  const audit = () => p.container.resolve(CoreTokens.Audit);
  p.contribute(MenuItems, {
    id: 'core.audit',
    menu: 'main',
    labelKey: 'core:menu.audit',
    route: 'core.audit',
    position: 900,
    icon: 'it-password-visible',
  });
  p.contribute(MenuItems, {
    id: 'core.audit.verify',
    menu: 'main',
    labelKey: 'core:menu.auditVerify',
    route: 'core.audit.verify',
    position: 910,
    icon: 'it-check-circle',
    permission: 'core.audit.verify',
  });
  p.routes((r) => {
    r.get('audit', '/audit', { permission: 'core.audit.view' }, async (ctx) => {
      const { q, form, errors } = await query(ctx);
      const entries = errors.length ? [] : await withNames(ctx, await audit().search(ctx.em, { ...q, limit: 200 }));
      await ctx.audit({ action: 'audit.search', details: { results: entries.length } });
      const exportQuery = new URLSearchParams(Object.entries(form).filter(([, v]) => v)).toString();
      return {
        view: 'core:audit/index',
        model: {
          title: ctx.t('core:audit.title'),
          entries,
          form,
          errors,
          exportHref: `${ctx.url('core.audit.export')}${exportQuery ? `?${exportQuery}` : ''}`,
        },
        status: errors.length ? 422 : 200,
      };
    });
    r.get('audit.verify', '/audit/verify', { permission: 'core.audit.verify' }, async (ctx) => {
      const result = await audit().verify(ctx.em);
      await ctx.audit({ action: 'audit.verify', details: { checked: result.checked, intact: !result.firstBroken } });
      const broken = result.firstBroken
        ? { id: result.firstBroken.id, reason: ctx.t(`core:audit.verify.reasons.${result.firstBroken.reason}`) }
        : null;
      return {
        view: 'core:audit/verify',
        model: {
          title: ctx.t('core:audit.verify.title'),
          checked: result.checked,
          firstBroken: broken,
          canSearch: ctx.can('core.audit.view'),
        },
      };
    });
    r.get('audit.export', '/audit/export.csv', { permission: 'core.audit.view' }, async (ctx) => {
      const { q } = await query(ctx);
      const entries = await withNames(ctx, await audit().search(ctx.em, { ...q, limit: 10_000 }));
      await ctx.audit({ action: 'audit.export', details: { rows: entries.length } });
      const header = [
        'id',
        'at',
        'operator',
        'organization_id',
        'role',
        'action',
        'entity',
        'entity_id',
        'purpose',
        'request_id',
        'ip',
        'details',
        'hash',
      ];
      const lines = entries.map((e) =>
        [
          e.id,
          e.at,
          e.operator,
          e.organizationId,
          e.roleId,
          e.action,
          e.entity,
          e.entityId,
          e.purpose,
          e.requestId,
          e.ip,
          e.details,
          e.hash,
        ]
          .map(csvCell)
          .join(','),
      );
      return {
        download: {
          filename: 'audit-log.csv',
          contentType: 'text/csv; charset=utf-8',
          body: `${[header.join(','), ...lines].join('\r\n')}\r\n`,
        },
      };
    });
  });
}
