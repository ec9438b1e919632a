// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Typed extension points. A token carries its contribution type only at the
 * type level; at run time it is identified by `id`, so two copies of the SDK
 * (a plugin linked from elsewhere) still meet on the same registry entry.
 */
export type Multiplicity = 'many' | 'keyed' | 'port';

export interface ExtensionPoint<T, M extends Multiplicity = Multiplicity> {
  readonly id: string;
  readonly multiplicity: M;
  /** For `keyed` points: the key of a contribution (unique across plugins). */
  readonly key?: (contribution: T) => string;
  /** Type carrier only: never read at run time. */
  readonly __type?: T;
}

export type ManyPoint<T> = ExtensionPoint<T, 'many'>;
export type KeyedPoint<T> = ExtensionPoint<T, 'keyed'>;
export type Port<T extends { id: string }> = ExtensionPoint<T, 'port'>;

const ID_PATTERN = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;

function checkId(id: string): void {
  if (!ID_PATTERN.test(id)) {
    throw new Error(`Extension point id "${id}" must be dotted kebab-case, e.g. "sigess.menu-items"`);
  }
}

/** A point that collects any number of contributions, ordered by `position`. */
export function defineManyPoint<T>(id: string): ManyPoint<T> {
  checkId(id);
  return Object.freeze({ id, multiplicity: 'many' as const });
}

/** A point whose contributions are unique by key: a duplicate stops start-up. */
export function defineKeyedPoint<T>(id: string, key: (contribution: T) => string): KeyedPoint<T> {
  checkId(id);
  return Object.freeze({ id, multiplicity: 'keyed' as const, key });
}

/**
 * A port: several plugins may offer an implementation; each organization
 * uses exactly one (chosen in its settings, else the instance default, else
 * the only one offered).
 */
export function definePort<T extends { id: string }>(id: string): Port<T> {
  checkId(id);
  return Object.freeze({ id, multiplicity: 'port' as const, key: (impl: T) => impl.id });
}
