// SPDX-License-Identifier: AGPL-3.0-or-later
import { join } from 'node:path';
import type { DependencyContainer } from 'tsyringe';
import type { Logger } from 'pino';
import type { PluginDefinition, PluginRegistrar, PluginRuntime } from '../sdk/plugin';
import type { ExtensionPoint } from '../sdk/extension-point';
import { resolveConfigured, type PluginPackage } from './discovery';
import { StartupError } from './errors';
import { checkCompatibility, orderByDependencies } from './order';
import { PermissionCatalogue } from './permissions';
import { CORE, ExtensionRegistry } from './registry';
import { createRouteRegistrar, Routes } from './routes';

export interface LoadedPlugin {
  readonly pkg: PluginPackage;
  readonly id: string;
  readonly definition: PluginDefinition;
  readonly container: DependencyContainer;
  /** Instance-level settings, already validated by the plugin's schema. */
  readonly settings: unknown;
}

export interface KernelOptions {
  readonly rootDir: string;
  readonly plugins: readonly string[];
  readonly pluginSettings: Readonly<Record<string, unknown>>;
  readonly rootContainer: DependencyContainer;
  /** Load plugins' TypeScript sources instead of their build (the test runner transpiles them). */
  readonly preferSource?: boolean;
  /** Core's own contributions, made through the same registrar plugins get. */
  readonly registerCore: (p: PluginRegistrar) => void;
  readonly corePermissions: Parameters<PermissionCatalogue['declare']>[1][];
}

function loadDefinition(pkg: PluginPackage, preferSource: boolean): PluginDefinition {
  const entry = join(pkg.dir, preferSource && pkg.sourceEntry ? pkg.sourceEntry : pkg.main);
  let mod: { default?: unknown };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require(entry) as { default?: unknown };
  } catch (error) {
    throw StartupError.of(pkg.manifest.id, `its code (${entry}) failed to load: ${(error as Error).message.split('\n')[0]}`);
  }
  const definition = (mod.default ?? mod) as Partial<PluginDefinition>;
  if (typeof definition?.register !== 'function') {
    throw StartupError.of(pkg.manifest.id, `${entry} must export default definePlugin({ id, register, … })`);
  }
  if (definition.id !== pkg.manifest.id) {
    throw StartupError.of(
      pkg.manifest.id,
      `definePlugin id "${String(definition.id)}" differs from package.json#sigess.id "${pkg.manifest.id}"`,
    );
  }
  return definition as PluginDefinition;
}

function validateSettings(id: string, definition: PluginDefinition, raw: unknown): unknown {
  if (!definition.settings) {
    if (raw !== undefined && (typeof raw !== 'object' || raw === null || Object.keys(raw).length > 0)) {
      throw StartupError.of(id, 'has settings in the configuration but declares no settings schema');
    }
    return {};
  }
  const parsed = definition.settings.safeParse(raw ?? {});
  if (!parsed.success) {
    throw new StartupError(
      parsed.error.issues.map((issue) => ({
        owner: id,
        message: `invalid setting "${issue.path.join('.') || '(root)'}": ${issue.message}`,
      })),
    );
  }
  return parsed.data;
}

function makeRegistrar(
  owner: string,
  container: DependencyContainer,
  registry: ExtensionRegistry,
): { registrar: PluginRegistrar; close(): void } {
  let open = true;
  const guard = (): void => {
    if (!open) throw StartupError.of(owner, 'contributed after register() returned; contributions must be declared synchronously');
  };
  const registrar: PluginRegistrar = {
    id: owner,
    container,
    contribute<T>(point: ExtensionPoint<T>, contribution: T) {
      guard();
      if (point.multiplicity === 'port') throw StartupError.of(owner, `use implement() for the port ${point.id}`);
      registry.add(point, owner, contribution);
    },
    implement(port, implementation) {
      guard();
      registry.add(port, owner, implementation);
    },
    routes(define) {
      guard();
      define(createRouteRegistrar(owner, (route) => registry.add(Routes, owner, route)));
    },
  };
  return { registrar, close: () => (open = false) };
}

/**
 * The plugin kernel: discovery → compatibility gate → dependency order →
 * register (each plugin in its own child container) → seal → boot; shutdown
 * in reverse order. Everything before boot is synchronous and does no I/O
 * beyond reading the plugins' files.
 */
export class Kernel {
  readonly registry = new ExtensionRegistry();
  readonly permissions = new PermissionCatalogue();
  readonly plugins: readonly LoadedPlugin[];
  private booted: LoadedPlugin[] = [];

  constructor(private readonly options: KernelOptions) {
    const packages = orderByDependencies(resolveConfigured(options.plugins, options.rootDir));
    checkCompatibility(packages);
    const problems: { owner: string; message: string }[] = [];
    for (const declaration of options.corePermissions) {
      const problem = this.permissions.declare(CORE, declaration);
      if (problem) problems.push({ owner: CORE, message: problem });
    }
    for (const pkg of packages) {
      for (const declaration of pkg.manifest.permissions) {
        const problem = this.permissions.declare(pkg.manifest.id, declaration);
        if (problem) problems.push({ owner: pkg.manifest.id, message: problem });
      }
      for (const declaration of pkg.manifest.roles) {
        const problem = this.permissions.declareRole(pkg.manifest.id, declaration);
        if (problem) problems.push({ owner: pkg.manifest.id, message: problem });
      }
    }
    if (problems.length) throw new StartupError(problems);

    this.plugins = packages.map((pkg) => {
      const definition = loadDefinition(pkg, options.preferSource ?? false);
      const settings = validateSettings(pkg.manifest.id, definition, options.pluginSettings[pkg.manifest.id]);
      return { pkg, id: pkg.manifest.id, definition, settings, container: options.rootContainer.createChildContainer() };
    });
    this.registry.setOwnerOrder(this.plugins.map((p) => p.id));

    const core = makeRegistrar(CORE, options.rootContainer, this.registry);
    options.registerCore(core.registrar);
    core.close();
    for (const plugin of this.plugins) {
      const { registrar, close } = makeRegistrar(plugin.id, plugin.container, this.registry);
      try {
        plugin.definition.register(registrar);
      } catch (error) {
        if (error instanceof StartupError) throw error;
        throw StartupError.of(plugin.id, `register() failed: ${(error as Error).message}`);
      } finally {
        close();
      }
    }
  }

  plugin(id: string): LoadedPlugin | undefined {
    return this.plugins.find((p) => p.id === id);
  }

  /** Calls each plugin's boot in dependency order, each within the timeout. */
  async boot(runtime: (plugin: LoadedPlugin) => PluginRuntime, timeoutMs: number): Promise<void> {
    for (const plugin of this.plugins) {
      if (plugin.definition.boot) {
        await withTimeout(plugin.id, 'boot', plugin.definition.boot(runtime(plugin)), timeoutMs);
      }
      this.booted.push(plugin);
    }
  }

  /** Calls shutdown in reverse order; a failing plugin is logged and the rest still stop. */
  async shutdown(runtime: (plugin: LoadedPlugin) => PluginRuntime, timeoutMs: number, log: Logger): Promise<void> {
    for (const plugin of [...this.booted].reverse()) {
      try {
        if (plugin.definition.shutdown) {
          await withTimeout(plugin.id, 'shutdown', plugin.definition.shutdown(runtime(plugin)), timeoutMs);
        }
      } catch (error) {
        log.error({ err: error, plugin: plugin.id }, 'plugin shutdown failed');
      }
      plugin.container.dispose();
    }
    this.booted = [];
  }
}

async function withTimeout(owner: string, phase: string, work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(StartupError.of(owner, `${phase}() did not finish within ${ms} ms`)), ms);
  });
  try {
    await Promise.race([work, timeout]);
  } catch (error) {
    if (error instanceof StartupError) throw error;
    throw StartupError.of(owner, `${phase}() failed: ${(error as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
}
