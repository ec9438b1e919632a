// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import { ORGANIZATION_SUBKINDS, type OrganizationKind, type StructureNode } from '../../sdk/extension-points/organizations';

/**
 * Where each kind may sit (`null`: a root). The intermediate levels (ambito, distretto, zona sociale) are named
 * differently by each region and may nest in one another. The administration's forms and the structures
 * contributed by plugins obey the same table.
 */
const INTERMEDIATE = ['ambito', 'distretto', 'zona-sociale'] as const;
export const ALLOWED_PARENTS: Readonly<Record<OrganizationKind, readonly (OrganizationKind | null)[]>> = {
  region: [null],
  ambito: [null, 'region', 'distretto', 'zona-sociale'],
  distretto: [null, 'region', 'ambito', 'zona-sociale'],
  'zona-sociale': [null, 'region', 'ambito', 'distretto'],
  comune: [null, 'region', ...INTERMEDIATE],
  municipio: ['comune'],
  'service-point': ['region', ...INTERMEDIATE, 'comune', 'municipio', 'partner'],
  partner: [null, 'region', ...INTERMEDIATE, 'comune'],
};

export const CODE_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
const BELFIORE = /^[A-Z][0-9]{3}$/;

/**
 * What is wrong with a list of nodes taken alone (start-up checks them): codes, kinds under their parents,
 * subkinds, comuni with their cadastral code, parents listed first. `known` are codes the list may name as
 * parents without listing them (another structure's nodes), with their kind.
 */
export function structureProblems(nodes: readonly StructureNode[], known: ReadonlyMap<string, OrganizationKind> = new Map()): string[] {
  const problems: string[] = [];
  const kinds = new Map(known);
  for (const node of nodes) {
    const what = `node "${node.code}"`;
    if (!CODE_PATTERN.test(node.code) || node.code.length > 60)
      problems.push(`${what}: the code must be lower-case letters, digits and hyphens`);
    if (nodes.filter((n) => n.code === node.code).length > 1) problems.push(`${what} is listed twice`);
    if (!node.name.trim()) problems.push(`${what} has no name`);
    const subkinds: readonly string[] = (ORGANIZATION_SUBKINDS as Partial<Record<OrganizationKind, readonly string[]>>)[node.kind] ?? [];
    if (node.subkind !== undefined && !subkinds.includes(node.subkind))
      problems.push(`${what}: a ${node.kind} cannot be a ${node.subkind}`);
    if (node.kind === 'comune' && !(node.belfiore && BELFIORE.test(node.belfiore)))
      problems.push(`${what}: a comune needs its cadastral (Belfiore) code`);
    if (node.kind !== 'comune' && node.belfiore) problems.push(`${what}: only a comune has a cadastral code`);
    const parentKind = node.parent === undefined ? null : kinds.get(node.parent);
    if (parentKind === undefined) problems.push(`${what}: its parent "${node.parent}" is not listed before it`);
    else if (!ALLOWED_PARENTS[node.kind].includes(parentKind))
      problems.push(`${what}: a ${node.kind} cannot sit ${parentKind ? `under a ${parentKind}` : 'at the top'}`);
    kinds.set(node.code, node.kind);
  }
  return problems;
}

/** One node as the installation has it now. */
export interface PlannedNode extends StructureNode {
  /**
   * `create`: missing, will be created. `exists`: an organization with this code (or, for a comune, standing for
   * this comune) is there and is kept as it is. `conflict`: something else holds the code, or the comune is unknown.
   */
  readonly status: 'create' | 'exists' | 'conflict';
  /** The organization kept, for `exists`. */
  readonly organizationId: string | null;
  /** For a comune: the name in the territory reference data. */
  readonly comuneName: string | null;
  /** Why it conflicts: an i18n key of core (`core:admin.structures.conflicts.*`) and its values. */
  readonly conflict: { readonly key: string; readonly values: Readonly<Record<string, string>> } | null;
}

interface ExistingRow {
  id: string;
  code: string;
  kind: OrganizationKind;
  belfiore: string | null;
}

/** A PostgreSQL array literal (the query builder would spread a JS array into a list). */
const textArray = (values: readonly string[]): string => `{${values.map((v) => JSON.stringify(v)).join(',')}}`;

/** Reads the installation against the nodes: what applying them would create, keep, or refuse. */
export async function planStructure(em: EntityManager, nodes: readonly StructureNode[]): Promise<PlannedNode[]> {
  if (nodes.length === 0) return [];
  const codes = nodes.map((n) => n.code);
  const belfiori = nodes.flatMap((n) => (n.belfiore ? [n.belfiore] : []));
  const existing = await em.execute<ExistingRow[]>(
    `select id::text as id, code, kind, belfiore_code as belfiore from core.organization
     where code = any (?::text[]) or (kind = 'comune' and belfiore_code = any (?::text[]))`,
    [textArray(codes), textArray(belfiori)],
  );
  const comuni = await em.execute<{ belfiore: string; name: string }[]>(
    `select belfiore_code as belfiore, name from core.municipality where belfiore_code = any (?::text[]) and valid_to is null and istat_code is not null`,
    [textArray(belfiori)],
  );
  return nodes.map((node) => {
    const comuneName = node.belfiore ? (comuni.find((c) => c.belfiore === node.belfiore)?.name ?? null) : null;
    const byCode = existing.find((e) => e.code === node.code);
    const byComune = node.belfiore ? existing.find((e) => e.kind === 'comune' && e.belfiore === node.belfiore) : undefined;
    const base = { ...node, comuneName };
    if (node.kind === 'comune' && !comuneName)
      return {
        ...base,
        status: 'conflict',
        organizationId: null,
        conflict: { key: 'unknownComune', values: { code: node.belfiore ?? '' } },
      };
    if (byCode && (byCode.kind !== node.kind || (node.belfiore && byCode.belfiore !== node.belfiore)))
      return { ...base, status: 'conflict', organizationId: byCode.id, conflict: { key: 'codeTaken', values: { code: node.code } } };
    const kept = byCode ?? byComune;
    if (kept) return { ...base, status: 'exists', organizationId: kept.id, conflict: null };
    return { ...base, status: 'create', organizationId: null, conflict: null };
  });
}

/**
 * Creates the planned nodes marked `create`, parents first, in the caller's transaction; a parent code not in
 * the plan is looked up by code. Returns each node's organization id (kept or new), by code, and the ids created.
 */
export async function createPlanned(
  em: EntityManager,
  plan: readonly PlannedNode[],
): Promise<{ ids: Map<string, string>; created: { code: string; id: string }[] }> {
  const ids = new Map<string, string>();
  const created: { code: string; id: string }[] = [];
  for (const node of plan) {
    if (node.status === 'conflict') throw new Error(`structure node ${node.code} conflicts: plan refused`);
    if (node.organizationId) {
      ids.set(node.code, node.organizationId);
      continue;
    }
    let parentId: string | null = null;
    if (node.parent !== undefined) {
      parentId = ids.get(node.parent) ?? null;
      if (!parentId) {
        const [row] = await em.execute<{ id: string }[]>('select id::text as id from core.organization where code = ?', [node.parent]);
        if (!row) throw new Error(`structure node ${node.code}: parent ${node.parent} is missing`);
        parentId = row.id;
        ids.set(node.parent, parentId);
      }
    }
    const [row] = await em.execute<{ id: string }[]>(
      `insert into core.organization (code, name, kind, subkind, parent_id, belfiore_code, istat_code)
       values (?, ?, ?, ?, ?, ?, (select istat_code from core.municipality where belfiore_code = ? and valid_to is null))
       returning id::text as id`,
      [node.code, node.name, node.kind, node.subkind ?? null, parentId, node.belfiore ?? null, node.belfiore ?? null],
    );
    ids.set(node.code, row!.id);
    created.push({ code: node.code, id: row!.id });
  }
  return { ids, created };
}

/** Turns plugins on (an explicit choice) at the given organizations; the caller forgets cached activation. */
export async function activatePlugins(em: EntityManager, organizationIds: readonly string[], pluginIds: readonly string[]): Promise<void> {
  for (const organizationId of organizationIds)
    for (const pluginId of pluginIds)
      await em.execute(
        `insert into core.organization_plugin (organization_id, plugin_id, active) values (?, ?, true)
         on conflict (organization_id, plugin_id) do update set active = true, changed_at = now()`,
        [organizationId, pluginId],
      );
}
