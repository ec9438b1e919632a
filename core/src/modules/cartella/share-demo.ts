// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';

/** What the demo shares: the comune's first open cartella, with the ASL, for an integrated assessment. */
const DEMO_PURPOSE = "UVMD – valutazione multidimensionale per l'assistenza domiciliare integrata";

/**
 * The comune's first open cartella shared with the demo ASL (summary and assessments, for 90 days), with the
 * information notice and the consent to sharing on record, so the `asl` login has something shared with it.
 * Runs as the schema owner after the cartelle; adds nothing when a share with the ASL already exists.
 */
export async function seedDemoShares(em: EntityManager): Promise<number> {
  const [asl] = await em.execute<{ id: string }[]>(`select id::text as id from core.organization where code = 'demo-asl'`);
  const [assistente] = await em.execute<{ id: string }[]>(`select id::text as id from core.operator where username = 'assistente'`);
  if (!asl || !assistente) return 0;
  const [done] = await em.execute<{ found: boolean }[]>(
    'select exists (select from core.cartella_share where grantee_org_id = ?) as found',
    [asl.id],
  );
  if (done?.found) return 0;
  const [cartella] = await em.execute<{ id: string; personId: string; ownerOrgId: string }[]>(
    `select k.id::text as id, k.person_id::text as "personId", k.owner_org_id::text as "ownerOrgId"
     from core.cartella k join core.organization o on o.id = k.owner_org_id
     where o.code = 'demo-comune' and k.state = 'open' order by k.year, k.seq limit 1`,
  );
  if (!cartella) return 0;
  for (const [kind, purpose, basis] of [
    ['notice', 'trattamento-dati', 'public-task'],
    ['consent', 'condivisione-sanitaria', null],
  ] as const) {
    await em.execute(
      `insert into core.consent (owner_org_id, person_id, cartella_id, kind, purpose, legal_basis, given_on, given_by, document_ref, recorded_by)
       values (?, ?, ?, ?, ?, ?, core.local_today() - 7, 'interessato', 'Modulo firmato agli atti', ?)`,
      [cartella.ownerOrgId, cartella.personId, cartella.id, kind, purpose, basis, assistente.id],
    );
  }
  const [personShare] = await em.execute<{ id: string }[]>(
    `insert into core.person_share (person_id, owner_org_id, grantee_org_id, purpose, expires_at, granted_by)
     values (?, ?, ?, ?, core.local_today() + 90, ?) returning id::text as id`,
    [cartella.personId, cartella.ownerOrgId, asl.id, DEMO_PURPOSE, assistente.id],
  );
  await em.execute(
    `insert into core.cartella_share (cartella_id, owner_org_id, grantee_org_id, parts, purpose, expires_on, legal_basis, person_share_id, granted_by)
     values (?, ?, ?, '{summary,assessments}', ?, core.local_today() + 90, 'consent', ?, ?)`,
    [cartella.id, cartella.ownerOrgId, asl.id, DEMO_PURPOSE, personShare!.id, assistente.id],
  );
  return 3;
}
