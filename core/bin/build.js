#!/usr/bin/env node
// SPDX-License-Identifier: AGPL-3.0-or-later
'use strict';
/**
 * Transpiles the TypeScript of core and of every plugin and example in a
 * workspace (src/**.ts → dist/**.js, CommonJS) with swc. Incremental: only
 * sources newer than their output are rebuilt, so `npm start` and `sigess`
 * call it on every run at the cost of a folder walk. Type checking is not its
 * job: `npm test` runs tsc.
 */
const fs = require('node:fs');
const path = require('node:path');

const SWC_OPTIONS = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: false, useDefineForClassFields: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs', strictMode: true },
  sourceMaps: true,
};

function walk(dir, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !entry.name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

/** Package folders with a src/ to build: core, plugins/*, examples/*. */
function packagesOf(root) {
  const dirs = [path.join(root, 'core')];
  for (const group of ['plugins', 'examples']) {
    const base = path.join(root, group);
    if (!fs.existsSync(base)) continue;
    for (const entry of fs.readdirSync(base, { withFileTypes: true })) if (entry.isDirectory()) dirs.push(path.join(base, entry.name));
  }
  return dirs.filter((d) => fs.existsSync(path.join(d, 'src')) && fs.existsSync(path.join(d, 'package.json')));
}

function buildPackage(dir, swc) {
  const src = path.join(dir, 'src');
  const dist = path.join(dir, 'dist');
  let built = 0;
  const expected = new Set();
  for (const file of walk(src)) {
    const out = path.join(dist, path.relative(src, file)).replace(/\.ts$/, '.js');
    expected.add(out);
    expected.add(`${out}.map`);
    if (fs.existsSync(out) && fs.statSync(out).mtimeMs >= fs.statSync(file).mtimeMs) continue;
    const result = swc.transformFileSync(file, { ...SWC_OPTIONS, filename: file, sourceFileName: path.relative(path.dirname(out), file) });
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, `${result.code}\n//# sourceMappingURL=${path.basename(out)}.map\n`);
    fs.writeFileSync(`${out}.map`, result.map);
    built += 1;
  }
  // Output whose source was deleted would otherwise keep running.
  for (const file of fs.existsSync(dist) ? listJs(dist) : []) if (!expected.has(file)) fs.rmSync(file);
  return built;
}

function listJs(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) listJs(full, out);
    else if (entry.name.endsWith('.js') || entry.name.endsWith('.js.map')) out.push(full);
  }
  return out;
}

/** The workspace root above this core, if core runs from a source checkout. */
function workspaceRoots(extra) {
  const roots = new Set();
  const candidate = path.resolve(__dirname, '..', '..');
  if (fs.existsSync(path.join(candidate, 'core', 'src'))) roots.add(candidate);
  for (const r of extra) if (fs.existsSync(path.join(r, 'plugins')) || fs.existsSync(path.join(r, 'examples'))) roots.add(path.resolve(r));
  return [...roots];
}

function ensureBuilt(extraRoots = [process.cwd()]) {
  const roots = workspaceRoots(extraRoots);
  if (!roots.length) return 0;
  const swc = require('@swc/core');
  let built = 0;
  const seen = new Set();
  for (const root of roots) {
    for (const dir of packagesOf(root)) {
      const real = fs.realpathSync(dir);
      if (seen.has(real)) continue;
      seen.add(real);
      built += buildPackage(real, swc);
    }
  }
  return built;
}

module.exports = { ensureBuilt };

if (require.main === module) {
  const started = Date.now();
  const built = ensureBuilt();
  process.stdout.write(`sigess build: ${built} file(s) transpiled in ${Date.now() - started} ms\n`);
}
