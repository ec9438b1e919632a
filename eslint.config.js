// SPDX-License-Identifier: AGPL-3.0-or-later
'use strict';
const { defineConfig, globalIgnores } = require('eslint/config');
const js = require('@eslint/js');
const globals = require('globals');
const tseslint = require('typescript-eslint');

// Each plugin has its own child container (p.container); the global container and the
// self-registering decorators would make one plugin's services visible to all the others.
const TSYRINGE_GLOBALS =
  "Plugins must not use the global tsyringe container: register services in the plugin's own child container (p.container).";

// Core is region-neutral: anything region-specific belongs in a plugin. Whole names only: the
// Italian word "agevolazioni" (reductions, in INPS's table of benefits) holds "lazio".
const REGIONS = '/(?<![a-z])(lazio|lombardia|umbria|puglia)(?![a-z])/i';
const REGION_MESSAGE = 'core/src must not name a region: put region-specific behaviour in a plugin.';

// "Today" is Italy's day everywhere (`localToday()` in the SDK, `core.local_today()` in SQL): the server's
// UTC day is yesterday from midnight to 1 or 2 a.m. in Italy, and refused an operator's "today" as future.
const LOCAL_DAY_MESSAGE = "Use localToday() (or core.local_today() in SQL): the server's UTC day is not Italy's.";
const LOCAL_DAY = [
  {
    selector:
      "CallExpression[callee.property.name='slice'][callee.object.callee.property.name='toISOString'][callee.object.callee.object.type='NewExpression'][callee.object.callee.object.arguments.length=0]",
    message: LOCAL_DAY_MESSAGE,
  },
  { selector: 'Literal[value=/\\bcurrent_date\\b/i]', message: LOCAL_DAY_MESSAGE },
  { selector: 'TemplateElement[value.raw=/\\bcurrent_date\\b/i]', message: LOCAL_DAY_MESSAGE },
];

module.exports = defineConfig([
  globalIgnores(['**/dist/**', '**/node_modules/**', 'data/**', '**/.tmp/**', 'coverage/**']),
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { ecmaVersion: 2023, sourceType: 'commonjs', globals: globals.node },
    extends: [js.configs.recommended],
  },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['core/src/**/*.ts'],
    rules: {
      // Output goes through the logger, or process.stdout in the CLI: never console.
      'no-console': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: `Literal[value=${REGIONS}]`, message: REGION_MESSAGE },
        { selector: `TemplateElement[value.raw=${REGIONS}]`, message: REGION_MESSAGE },
        ...LOCAL_DAY,
      ],
    },
  },
  {
    // Migrations that have run stay as they ran; a later one corrects them.
    files: ['core/src/migrations/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: `Literal[value=${REGIONS}]`, message: REGION_MESSAGE },
        { selector: `TemplateElement[value.raw=${REGIONS}]`, message: REGION_MESSAGE },
      ],
    },
  },
  {
    files: ['plugins/**/*.ts', 'examples/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'tsyringe', importNames: ['container', 'singleton', 'registry'], message: TSYRINGE_GLOBALS }] },
      ],
      // Catches the decorators however they were reached (re-export, namespace import).
      'no-restricted-syntax': [
        'error',
        { selector: 'Decorator[expression.callee.name=/^(singleton|registry)$/]', message: TSYRINGE_GLOBALS },
        { selector: 'Decorator[expression.callee.property.name=/^(singleton|registry)$/]', message: TSYRINGE_GLOBALS },
        ...LOCAL_DAY,
      ],
    },
  },
]);
