// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Requirement } from '../../sdk/extension-points/catalogue';
import type { Actor } from '../people/people';

/** An organization's offer of a catalogue entry. */
export interface Offer {
  readonly id: string;
  readonly organization: { readonly id: string; readonly code: string; readonly name: string };
  readonly entryCode: string;
  readonly active: boolean;
  readonly unitCost: number | null;
  readonly yearlyBudget: number | null;
  readonly capacity: number | null;
  /** null: the catalogue entry's requirements apply. */
  readonly requirements: readonly Requirement[] | null;
  readonly version: number;
}

/** The offer that applies to an organization: its own, or the nearest one above it (`inherited`). */
export type EffectiveOffer = Offer & { readonly inherited: boolean };

export interface OfferValues {
  readonly active: boolean;
  readonly unitCost: number | null;
  readonly yearlyBudget: number | null;
  readonly capacity: number | null;
  readonly requirements: readonly Requirement[] | null;
}

interface Row {
  id: string;
  org_id: string;
  org_code: string;
  org_name: string;
  entry_code: string;
  active: boolean;
  unit_cost: string | null;
  yearly_budget: string | null;
  capacity: number | null;
  requirements: Requirement[] | null;
  version: number;
  depth: number;
}

const COLUMNS = `s.id::text as id, o.id::text as org_id, o.code as org_code, o.name as org_name, s.entry_code, s.active,
  s.unit_cost::text as unit_cost, s.yearly_budget::text as yearly_budget, s.capacity, s.requirements, s.version`;

const decimal = (v: string | null): number | null => (v === null ? null : Number(v));

function offerOf(row: Row): EffectiveOffer {
  return {
    id: row.id,
    organization: { id: row.org_id, code: row.org_code, name: row.org_name },
    entryCode: row.entry_code,
    active: row.active,
    unitCost: decimal(row.unit_cost),
    yearlyBudget: decimal(row.yearly_budget),
    capacity: row.capacity,
    requirements: row.requirements,
    version: row.version,
    inherited: row.depth > 0,
  };
}

/** The answer of a save: the offer, or the one saved meanwhile by someone else (a stale version). */
export type SaveOutcome = { readonly kind: 'saved'; readonly offer: Offer } | { readonly kind: 'stale'; readonly current: Offer };

/**
 * Organizations' offers. An offer applies to its organization and to the subtree below it, unless an
 * organization there has one of its own (an ambito offers home care for its comuni; a comune may set
 * its own budget or thresholds, or say it does not offer the service at all).
 */
export class OfferService {
  /** The offers applying to an organization, one per entry (or only `code`'s): its own or the nearest above. */
  async effective(em: EntityManager, organizationId: string, code?: string): Promise<Map<string, EffectiveOffer>> {
    const rows = await em.execute<Row[]>(
      `with recursive up(id, depth) as (
         select id, 0 from core.organization where id = ?
         union all
         select o.parent_id, up.depth + 1 from core.organization o join up on o.id = up.id where o.parent_id is not null
       )
       select distinct on (s.entry_code) ${COLUMNS}, up.depth
       from up join core.service_offer s on s.owner_org_id = up.id join core.organization o on o.id = s.owner_org_id
       where ?::text is null or s.entry_code = ?
       order by s.entry_code, up.depth`,
      [organizationId, code ?? null, code ?? null],
    );
    return new Map(rows.map((r) => [r.entry_code, offerOf(r)]));
  }

  /** Whether the request may write the organization's offers: it is in the request's scope. */
  async inScope(em: EntityManager, organizationId: string): Promise<boolean> {
    if (!/^[0-9a-f-]{36}$/i.test(organizationId)) return false;
    const [row] = await em.execute<{ ok: boolean }[]>('select ?::uuid = any (core.request_scope()) as ok', [organizationId]);
    return Boolean(row?.ok);
  }

  /** The organizations whose offers the request may write: the scope, the organization acted in first. */
  async writable(em: EntityManager): Promise<{ id: string; code: string; name: string }[]> {
    return em.execute(
      `select id::text as id, code, name from core.organization where id = any (core.request_scope())
       order by id = core.request_org() desc, name`,
    );
  }

  /** Creates or replaces an organization's offer; `version` (of the offer edited) guards concurrent edits. */
  async save(
    em: EntityManager,
    organizationId: string,
    code: string,
    values: OfferValues,
    version: number | undefined,
    actor: Actor,
  ): Promise<SaveOutcome> {
    const own = (await this.effective(em, organizationId, code)).get(code);
    const existing = own && !own.inherited ? own : null;
    if (existing && version !== undefined && version !== existing.version) return { kind: 'stale', current: existing };
    const params = [
      values.active,
      values.unitCost,
      values.yearlyBudget,
      values.capacity,
      values.requirements === null ? null : JSON.stringify(values.requirements),
    ];
    const rows = existing
      ? await em.execute<{ id: string }[]>(
          `update core.service_offer set active = ?, unit_cost = ?, yearly_budget = ?, capacity = ?, requirements = ?::jsonb,
             version = version + 1, updated_at = now(), updated_by = ?
           where id = ? and version = ? returning id::text as id`,
          [...params, actor.operatorId, existing.id, existing.version],
        )
      : await em.execute<{ id: string }[]>(
          `insert into core.service_offer (active, unit_cost, yearly_budget, capacity, requirements, owner_org_id, entry_code, created_by, updated_by)
           values (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)
           on conflict (owner_org_id, entry_code) do nothing returning id::text as id`,
          [...params, organizationId, code, actor.operatorId, actor.operatorId],
        );
    const saved = (await this.effective(em, organizationId, code)).get(code);
    if (!saved) throw new Error('the offer just saved is not there');
    // No row written: someone saved the same offer in between.
    return rows.length ? { kind: 'saved', offer: saved } : { kind: 'stale', current: saved };
  }
}
