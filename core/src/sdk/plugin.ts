// SPDX-License-Identifier: AGPL-3.0-or-later
import type { DependencyContainer } from 'tsyringe';
import type { Logger } from 'pino';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntitySchema } from '@mikro-orm/core';
import type { MigrationObject } from '@mikro-orm/core';
import type { z } from 'zod';
import type { KeyedPoint, ManyPoint, Port } from './extension-point';
import type { RouteRegistrar } from './routes';

/** What `register(p)` gets: synchronous declarations only, no I/O. */
export interface PluginRegistrar {
  readonly id: string;
  /** This plugin's own child container; other plugins' registrations are invisible here. */
  readonly container: DependencyContainer;
  /** Adds a contribution to a `many` or `keyed` extension point. */
  contribute<T>(point: ManyPoint<T> | KeyedPoint<T>, contribution: T): void;
  /** Offers an implementation of a port. */
  implement<T extends { id: string }>(port: Port<T>, implementation: T): void;
  /** Declares HTTP routes, mounted under `/p/<id>`. */
  routes(define: (r: RouteRegistrar) => void): void;
}

/** What `boot(p)` and `shutdown(p)` get: I/O allowed. */
export interface PluginRuntime<Settings = unknown> {
  readonly id: string;
  readonly container: DependencyContainer;
  readonly log: Logger;
  /** The instance-level settings (organizations may override them). */
  readonly settings: Settings;
  /** Runs work in a fresh EntityManager, in a transaction. */
  withEm<R>(work: (em: EntityManager) => Promise<R>): Promise<R>;
}

export interface PluginDefinition<Schema extends z.ZodType = z.ZodType> {
  /** Must equal `package.json#sigess.id`. */
  readonly id: string;
  /** Settings schema, validated at start-up against the instance configuration. */
  readonly settings?: Schema;
  /** Entities in schema `plg_<id>`. */
  readonly entities?: readonly EntitySchema[];
  /** Ordered migrations for schema `plg_<id>`, logged in its own table. */
  readonly migrations?: readonly MigrationObject[];
  register(p: PluginRegistrar): void;
  boot?(p: PluginRuntime<z.infer<Schema>>): Promise<void>;
  shutdown?(p: PluginRuntime<z.infer<Schema>>): Promise<void>;
}

/** The code entry of a plugin: `export default definePlugin({...})`. */
export function definePlugin<Schema extends z.ZodType = z.ZodType>(definition: PluginDefinition<Schema>): PluginDefinition<Schema> {
  return Object.freeze(definition);
}
