// SPDX-License-Identifier: AGPL-3.0-or-later
'use strict';
/** Tests run the TypeScript sources through swc, with the same options as the build. */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: false, useDefineForClassFields: true },
          target: 'es2022',
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  // `@sigess/core/sdk` resolves to its TypeScript source in tests, not to dist/.
  testEnvironmentOptions: { customExportConditions: ['sigess-source', 'node', 'require', 'default'] },
  testMatch: ['<rootDir>/{core,plugins,examples,themes,tests}/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  setupFiles: ['reflect-metadata'],
  testTimeout: 60_000,
  maxWorkers: 2,
};
