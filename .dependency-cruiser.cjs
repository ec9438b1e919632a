// SPDX-License-Identifier: AGPL-3.0-or-later
'use strict';
// Paths are relative to the repository root. `$1`/`$2` in `to` refer to the groups captured by `from.path`.

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'extension-via-sdk-only',
      severity: 'error',
      comment: 'The SDK is the only stable contract with core; anything else can change in any release.',
      from: { path: '^(plugins|examples)/' },
      to: { path: '^core/', pathNot: '^core/src/(sdk|testing)/' },
    },
    {
      name: 'extension-no-relative-core',
      severity: 'error',
      comment: 'Import `@sigess/core/sdk`, not a relative path: plugins must build the same way outside this repository.',
      from: { path: '^(plugins|examples)/' },
      // A workspace import made from a folder without its own package.json is typed 'local' too, plus 'aliased'.
      to: { path: '^core/', dependencyTypes: ['local'], dependencyTypesNot: ['aliased'] },
    },
    {
      name: 'testing-only-in-tests',
      severity: 'error',
      comment: '`@sigess/core/testing` boots a whole platform: it is for tests, never for runtime code.',
      from: { path: '^(plugins|examples)/', pathNot: ['^(plugins|examples)/[^/]+/test/', '\\.test\\.ts$'] },
      to: { path: '^core/src/testing/' },
    },
    {
      name: 'no-cross-extension',
      severity: 'error',
      comment: 'Plugins meet only through extension points and events, so each can be switched off on its own.',
      from: { path: '^(plugins|examples)/([^/]+)/' },
      to: { path: '^(plugins|examples)/', pathNot: '^$1/$2/' },
    },
    {
      name: 'core-not-to-extensions',
      severity: 'error',
      comment: 'Core finds plugins and themes by discovery at run time; a static import would make them mandatory.',
      from: { path: '^core/src/' },
      to: { path: '^(plugins|examples|themes)/' },
    },
    {
      name: 'sdk-is-public-api',
      severity: 'error',
      comment: 'The SDK is what plugins compile against: it must not drag core internals into their types.',
      from: { path: '^core/src/sdk/' },
      to: { path: '^core/src/', pathNot: '^core/src/sdk/' },
    },
    {
      name: 'modules-not-to-cli',
      severity: 'error',
      comment: 'Modules serve HTTP and the CLI alike; the CLI is a caller, not a library.',
      from: { path: '^core/src/modules/' },
      to: { path: '^core/src/cli/' },
    },
    {
      name: 'themes-have-no-code',
      severity: 'error',
      comment: 'Themes are templates, assets and locales only, so installing one can never run code.',
      // A module rule, so it fires even on a file nothing imports (100 is the schema's maximum).
      module: { path: '^themes/.*\\.ts$', numberOfDependentsLessThan: 100 },
      from: {},
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'Also catches deep imports of @sigess/core that its package.json "exports" does not expose.',
      from: { path: '^(core|plugins|examples)/' },
      to: { couldNotResolve: true },
    },
    {
      name: 'no-circular',
      severity: 'warn',
      comment: 'Cycles make start-up order depend on import order.',
      from: { path: '^core/src/' },
      to: { circular: true },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count too: they are part of a plugin's contract with core.
    tsPreCompilationDeps: true,
    exclude: { path: '(^|/)(dist|node_modules|\\.tmp)/' },
    // `sigess-source` makes `@sigess/core/sdk` resolve to core/src/sdk (as tsc and jest do), not to dist/.
    enhancedResolveOptions: { conditionNames: ['sigess-source', 'require', 'node', 'default'], exportsFields: ['exports'] },
  },
};
