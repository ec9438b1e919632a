// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { DemoData, OrganizationStructures, type DemoAssessment, type DemoDataSet } from '../../sdk/extension-points/organizations';
import { CodeLists } from '../../sdk/extension-points/code-lists';
import { Forms } from '../../sdk/extension-points/forms';
import { localToday } from '../../sdk/local-time';
import type { ExtensionRegistry } from '../../kernel/registry';
import { EMPTY_SCOPE, enterScope } from '../../db/scope';
import { AssessmentService } from '../forms/assessments';
import { computeClassifications, computeScores, readAnswers } from '../forms/engine';
import { DEMO_PASSWORD } from '../operators/demo';
import { OperatorService } from '../operators/operators';
import { canonicalCodiceFiscale } from '../people/identity-codes';
import { activatePlugins, createPlanned, planStructure } from './structures';

/**
 * The enabled plugins' demo data (`DemoData`), after core's: their structures applied as an administrator would
 * (plugins turned on at the roots), their extra organizations, their accounts with the demo password, their offers, the
 * themes their organizations wear, their assessments of demo people. Idempotent:
 * what is there is kept. Returns the rows added; what it skips, it says in `log`.
 */
export async function seedPluginDemoData(em: EntityManager, registry: ExtensionRegistry, log?: Pick<Logger, 'warn'>): Promise<number> {
  const structures = registry.everything(OrganizationStructures).map((s) => s.value);
  const operators = new OperatorService();
  let added = 0;
  for (const { value: data } of registry.everything(DemoData)) {
    for (const id of data.structures ?? []) {
      const structure = structures.find((s) => s.id === id);
      if (!structure) throw new Error(`demo data ${data.id}: unknown organization structure ${id}`);
      const plan = await planStructure(em, structure.nodes);
      const { ids, created } = await createPlanned(em, plan);
      const roots = structure.nodes.filter((n) => n.parent === undefined).map((n) => ids.get(n.code)!);
      await activatePlugins(em, roots, structure.activate ?? []);
      added += created.length;
    }
    added += (await createPlanned(em, await planStructure(em, data.organizations ?? []))).created.length;
    for (const demo of data.operators ?? []) {
      const [existing] = await em.execute<{ id: string }[]>('select id from core.operator where lower(username) = ?', [demo.username]);
      const id =
        existing?.id ?? (await operators.create(em, { username: demo.username, displayName: demo.displayName, password: DEMO_PASSWORD }));
      if (!existing) added += 1;
      for (const m of demo.memberships) {
        const [org] = await em.execute<{ id: string }[]>('select id::text as id from core.organization where code = ?', [m.organization]);
        if (!org) throw new Error(`demo data ${data.id}: operator ${demo.username} joins the missing organization ${m.organization}`);
        await operators.addMembership(em, id, org.id, m.role);
      }
    }
    for (const offer of data.offers ?? []) {
      const rows = await em.execute(
        `insert into core.service_offer (owner_org_id, entry_code, unit_cost, yearly_budget, capacity)
         select id, ?, ?, ?, ? from core.organization where code = ? on conflict (owner_org_id, entry_code) do nothing returning id`,
        [offer.entry, offer.unitCost ?? null, offer.yearlyBudget ?? null, offer.capacity ?? null, offer.organization],
      );
      added += rows.length;
    }
    for (const choice of data.themes ?? []) {
      const rows = await em.execute(
        `insert into core.organization_theme (organization_id, theme_id)
         select id, ? from core.organization where code = ? on conflict (organization_id) do nothing returning organization_id`,
        [choice.theme, choice.organization],
      );
      added += rows.length;
    }
    for (const assessment of data.assessments ?? []) added += await seedAssessment(em, registry, data, assessment, log);
  }
  return added;
}

/** A person the organization sees (its subtree's), by codice fiscale or as the person of its first cartella of an area. */
async function demoPerson(em: EntityManager, orgId: string, selector: DemoAssessment['person']): Promise<string | null> {
  const subtree = `with recursive down(id) as (select ?::uuid union all select o.id from core.organization o join down on o.parent_id = down.id)`;
  const [row] =
    'codiceFiscale' in selector
      ? await em.execute<{ id: string }[]>(
          `${subtree} select p.id::text as id from core.person p
           where p.cf_canonical = ? and p.merged_into is null and p.owner_org_id in (select id from down) order by p.created_at limit 1`,
          [orgId, canonicalCodiceFiscale(selector.codiceFiscale)],
        )
      : await em.execute<{ id: string }[]>(
          `select k.person_id::text as id from core.cartella k
           where k.owner_org_id = ? and k.area = ? order by k.state = 'closed', k.year, k.seq limit 1`,
          [orgId, selector.cartellaArea],
        );
  return row?.id ?? null;
}

/**
 * One demo assessment, as `createAssessment` stores a final one: the answers read by the engine, with their totals
 * and profiles, the form's version, finalized; linked to the person's cartella at the organization when it is open
 * or suspended, and recorded by that cartella's responsible operator. Returns 1 when added.
 */
async function seedAssessment(
  em: EntityManager,
  registry: ExtensionRegistry,
  data: DemoDataSet,
  demo: DemoAssessment,
  log: Pick<Logger, 'warn'> | undefined,
): Promise<number> {
  const what = { demo: data.id, form: demo.form, organization: demo.organization };
  const form = registry.everything(Forms).find((f) => f.value.id === demo.form)?.value;
  const [org] = await em.execute<{ id: string }[]>('select id::text as id from core.organization where code = ?', [demo.organization]);
  const personId = org ? await demoPerson(em, org.id, demo.person) : null;
  if (!form || !org || !personId) {
    log?.warn(what, `demo assessment skipped: ${!form ? 'no such form' : !org ? 'no such organization' : 'no such person'}`);
    return 0;
  }
  const [done] = await em.execute<{ found: boolean }[]>(
    `select exists (select from core.assessment where owner_org_id = ? and person_id = ? and form_id = ? and status = 'final') as found`,
    [org.id, personId, form.id],
  );
  if (done?.found) return 0;
  const on = localToday();
  const assessedOn =
    demo.assessedOn === undefined
      ? on
      : typeof demo.assessedOn === 'string'
        ? demo.assessedOn
        : new Date(Date.parse(`${on}T00:00:00Z`) - demo.assessedOn.daysAgo * 86_400_000).toISOString().slice(0, 10);
  const lists = registry.everything(CodeLists);
  const read = readAnswers(form, demo.answers, {
    codeList: (id) => lists.find((l) => l.value.id === id)?.value,
    final: true,
    on: assessedOn,
  });
  if (read.issues.length)
    throw new Error(
      `demo data ${data.id}: the ${form.id} assessment does not fit the form: ${read.issues.map((i) => `${i.field} (${i.key})`).join(', ')}`,
    );
  const scores = computeScores(form, read.answers);
  const [cartella] = await em.execute<{ id: string; responsible: string | null }[]>(
    `select id::text as id, responsible_operator_id::text as responsible from core.cartella
     where owner_org_id = ? and person_id = ? and state <> 'closed' order by state <> 'open', year, seq limit 1`,
    [org.id, personId],
  );
  // The service reads back what it wrote within the request's scope: the organization's, for this one write.
  await enterScope(em, { orgId: org.id, orgs: [org.id], operatorId: cartella?.responsible ?? null });
  const saved = await new AssessmentService().create(
    em,
    {
      personId,
      formId: form.id,
      formVersion: form.version,
      answers: read.answers,
      scores,
      classifications: computeClassifications(form, scores),
      status: 'final',
      assessedOn,
      correctsId: null,
    },
    { orgId: org.id, operatorId: cartella?.responsible ?? null },
  );
  await enterScope(em, EMPTY_SCOPE);
  // The case file it informs (a final assessment's guard lets this link change, as a merge's does).
  if (cartella) await em.execute('update core.assessment set cartella_id = ? where id = ?', [cartella.id, saved.id]);
  return 1;
}
