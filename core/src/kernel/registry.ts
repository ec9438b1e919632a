// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ExtensionPoint, KeyedPoint, ManyPoint, Multiplicity, Port } from '../sdk/extension-point';
import type { ExtensionView } from '../sdk/context';
import { StartupError } from './errors';

/** The owner of core's own contributions; always active. */
export const CORE = 'core';

interface Contribution {
  readonly owner: string;
  readonly value: unknown;
  readonly key: string;
  readonly position: number;
}

interface PointEntry {
  readonly id: string;
  readonly multiplicity: Multiplicity;
  readonly contributions: Contribution[];
}

/** Checks one contribution at seal time; returns problems in plain words. */
export type ContributionValidator = (value: unknown, owner: string) => string[];

function keyOf(point: ExtensionPoint<unknown>, value: unknown): string {
  if (point.key) return point.key(value);
  const id = (value as { id?: unknown }).id;
  if (typeof id !== 'string') throw new Error(`a contribution to ${point.id} has no string "id"`);
  return id;
}

/**
 * Contributions by extension point. Filled during `register`, checked as a
 * whole by `seal` (every problem collected, then one failure), read-only
 * afterwards, and always read through `forOrg`, which sees only the
 * contributions of plugins active for an organization.
 */
export class ExtensionRegistry {
  private readonly points = new Map<string, PointEntry>();
  private readonly ownerOrder = new Map<string, number>([[CORE, -1]]);
  private readonly validators = new Map<string, ContributionValidator>();
  private sealed = false;

  /** Plugins in dependency order: the tie-break after `position`. */
  setOwnerOrder(ids: readonly string[]): void {
    ids.forEach((id, index) => this.ownerOrder.set(id, index));
  }

  /** The enabled plugins' ids, in dependency order (core not included). */
  plugins(): string[] {
    return [...this.ownerOrder.keys()].filter((id) => id !== CORE);
  }

  /** A check run on every contribution to a point when the registry is sealed. */
  addValidator(pointId: string, validator: ContributionValidator): void {
    this.validators.set(pointId, validator);
  }

  add<T>(point: ExtensionPoint<T>, owner: string, value: T): void {
    if (this.sealed) throw StartupError.of(owner, `contributed to ${point.id} after start-up registration closed`);
    let entry = this.points.get(point.id);
    if (!entry) {
      entry = { id: point.id, multiplicity: point.multiplicity, contributions: [] };
      this.points.set(point.id, entry);
    } else if (entry.multiplicity !== point.multiplicity) {
      throw StartupError.of(owner, `uses extension point ${point.id} as "${point.multiplicity}", but it is "${entry.multiplicity}"`);
    }
    const position = (value as { position?: unknown }).position;
    entry.contributions.push({
      owner,
      value,
      key: keyOf(point as ExtensionPoint<unknown>, value),
      position: typeof position === 'number' ? position : 100,
    });
  }

  /** Validates everything contributed so far; throws one StartupError listing every problem. */
  seal(extraProblems: { owner: string; message: string }[] = []): void {
    const problems = [...extraProblems];
    for (const entry of this.points.values()) {
      const byKey = new Map<string, Contribution>();
      for (const c of entry.contributions) {
        const prefix = c.owner === CORE ? 'core.' : `${c.owner}.`;
        if (!c.key.startsWith(prefix)) {
          problems.push({ owner: c.owner, message: `${entry.id}: "${c.key}" must start with "${prefix}"` });
        }
        const earlier = byKey.get(c.key);
        if (earlier) {
          const where =
            earlier.owner === c.owner
              ? 'contributed twice'
              : `already contributed by ${earlier.owner === CORE ? 'core' : `plugin "${earlier.owner}"`}`;
          problems.push({ owner: c.owner, message: `${entry.id}: duplicate key "${c.key}", ${where}` });
        } else {
          byKey.set(c.key, c);
        }
        const validator = this.validators.get(entry.id);
        if (validator) for (const message of validator(c.value, c.owner)) problems.push({ owner: c.owner, message });
      }
    }
    if (problems.length) throw new StartupError(problems);
    for (const entry of this.points.values()) {
      entry.contributions.sort(
        (a, b) =>
          a.position - b.position ||
          (this.ownerOrder.get(a.owner) ?? 0) - (this.ownerOrder.get(b.owner) ?? 0) ||
          a.key.localeCompare(b.key),
      );
    }
    this.sealed = true;
  }

  /** Every contribution, regardless of organization: for listings and start-up checks only. */
  everything<T>(point: ExtensionPoint<T>): { owner: string; value: T }[] {
    return (this.points.get(point.id)?.contributions ?? []).map((c) => ({ owner: c.owner, value: c.value as T }));
  }

  /** A view of the contributions of core and of the given active plugins. */
  forOrg(activePlugins: ReadonlySet<string>, portChoices: Readonly<Record<string, string>> = {}): OrgView {
    return new OrgView(this.points, activePlugins, portChoices);
  }
}

export class OrgView implements ExtensionView {
  constructor(
    private readonly points: ReadonlyMap<string, PointEntry>,
    private readonly active: ReadonlySet<string>,
    private readonly portChoices: Readonly<Record<string, string>>,
  ) {}

  private visible(pointId: string): Contribution[] {
    return (this.points.get(pointId)?.contributions ?? []).filter((c) => c.owner === CORE || this.active.has(c.owner));
  }

  isActive(owner: string): boolean {
    return owner === CORE || this.active.has(owner);
  }

  /** Contributions to a `many` point, ordered by position, then dependency order, then id. */
  all<T>(point: ManyPoint<T>): T[] {
    return this.visible(point.id).map((c) => c.value as T);
  }

  /** Like `all`, with the owner of each contribution. */
  allWithOwner<T>(point: ExtensionPoint<T>): { owner: string; value: T }[] {
    return this.visible(point.id).map((c) => ({ owner: c.owner, value: c.value as T }));
  }

  /** One contribution of a `keyed` point, or undefined (also when its plugin is off here). */
  get<T>(point: KeyedPoint<T>, key: string): T | undefined {
    return this.visible(point.id).find((c) => c.key === key)?.value as T | undefined;
  }

  keyed<T>(point: KeyedPoint<T>): T[] {
    return this.visible(point.id).map((c) => c.value as T);
  }

  /**
   * The implementation of a port for this organization: the configured
   * choice, else the only one an active plugin offers, else core's own (a
   * fallback that says the integration is not configured). Throws when none
   * or several fit.
   */
  port<T extends { id: string }>(point: Port<T>): T {
    const offered = this.visible(point.id);
    const chosen = this.portChoices[point.id];
    if (chosen) {
      const match = offered.find((c) => c.key === chosen);
      if (!match) throw new Error(`port ${point.id}: the chosen implementation "${chosen}" is not offered by an active plugin`);
      return match.value as T;
    }
    const plugins = offered.filter((c) => c.owner !== CORE);
    if (plugins.length === 1) return plugins[0]!.value as T;
    if (plugins.length === 0) {
      const fallback = offered.find((c) => c.owner === CORE);
      if (fallback) return fallback.value as T;
      throw new Error(`port ${point.id}: no active plugin implements it`);
    }
    throw new Error(
      `port ${point.id}: several implementations (${plugins.map((c) => c.key).join(', ')}); choose one in the configuration "ports"`,
    );
  }
}
