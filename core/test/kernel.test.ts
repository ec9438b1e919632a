// SPDX-License-Identifier: AGPL-3.0-or-later
import pino from 'pino';
import { prepare } from '../src/platform';
import { StartupError } from '../src/kernel/errors';
import { fixtureConfig, tempWorkspace, writePlugin, type FixturePlugin } from './fixtures';

const silent = pino({ level: 'silent' });

/** Prepares a workspace holding the given plugins, all enabled; returns the refusal. */
function refusal(name: string, plugins: FixturePlugin[], settings: Record<string, unknown> = {}): StartupError {
  const root = tempWorkspace(name);
  plugins.forEach((p) => writePlugin(root, p));
  try {
    prepare(fixtureConfig(root, { plugins: plugins.map((p) => p.id), pluginSettings: settings }), { log: silent });
  } catch (error) {
    if (error instanceof StartupError) return error;
    throw error;
  }
  throw new Error('start-up was not refused');
}

describe('the kernel refuses to start, with one clear line naming the plugin, when', () => {
  it('a plugin requires an incompatible core', () => {
    const error = refusal('incompatible', [{ id: 'old', coreRange: '^9.0.0' }]);
    expect(error.message).toBe('plugin "old": requires core ^9.0.0, but this core provides SDK 0.1.0');
  });

  it('a dependency is missing', () => {
    const error = refusal('missing-dependency', [{ id: 'needy', dependsOn: ['ghost'] }]);
    expect(error.message).toBe('plugin "needy": depends on "ghost", which is not enabled or not installed');
  });

  it('dependencies form a cycle', () => {
    const error = refusal('cycle', [
      { id: 'alpha', dependsOn: ['beta'] },
      { id: 'beta', dependsOn: ['alpha'] },
    ]);
    expect(error.message).toBe('plugin "alpha": is part of a dependency cycle: alpha → beta → alpha');
  });

  it('a keyed contribution is duplicated', () => {
    const entry = "{ code: 'dup.visit', nameKey: 'dup:name', area: 'anziani', unit: 'hours' }";
    const error = refusal('duplicate-key', [
      {
        id: 'dup',
        code: `register(p) { p.contribute(sdk.CatalogueEntries, ${entry}); p.contribute(sdk.CatalogueEntries, ${entry}); }`,
        locales: { it: { name: 'Visita' }, en: { name: 'Visit' } },
      },
    ]);
    expect(error.message).toBe('plugin "dup": sigess.catalogue-entries: duplicate key "dup.visit", contributed twice');
  });

  it('a route uses a permission nobody declared', () => {
    const error = refusal('undeclared-permission', [
      { id: 'loose', code: "register(p) { p.routes((r) => r.get('index', '/', { permission: 'loose.view' }, () => ({ json: {} }))); }" },
    ]);
    expect(error.message).toBe('plugin "loose": route "loose.index" uses the undeclared permission "loose.view"');
  });

  it('a plugin setting is invalid', () => {
    const error = refusal(
      'invalid-setting',
      [{ id: 'tuned', code: 'settings: sdk.z.object({ maxPeople: sdk.z.number().int() }), register() {}' }],
      { tuned: { maxPeople: 'many' } },
    );
    expect(error.message).toMatch(/^plugin "tuned": invalid setting "maxPeople": .*expected number/i);
    expect(error.message.split('\n')).toHaveLength(1);
  });

  it('a configured plugin is not installed', () => {
    const root = tempWorkspace('not-installed');
    expect(() => prepare(fixtureConfig(root, { plugins: ['absent'] }), { log: silent })).toThrow(
      'plugin "absent": is enabled in the configuration but not installed (looked in plugins/, examples/ and node_modules/@sigess)',
    );
  });

  it('a route declares no permission, a slot names an unknown zone, and a key lacks a translation: all reported together', () => {
    const error = refusal('several', [
      {
        id: 'messy',
        permissions: [{ id: 'messy.view' }],
        code: `register(p) {
          p.routes((r) => r.get('index', '/', {}, () => ({ json: {} })));
          p.contribute(sdk.PageSlots, { id: 'messy.box', zone: 'nowhere', template: 'messy:box' });
          p.contribute(sdk.MenuItems, { id: 'messy.item', menu: 'main', labelKey: 'messy:menu', route: 'messy.index' });
        }`,
        views: { box: '<p>box</p>' },
        locales: { it: { menu: 'Voce' }, en: {} },
      },
    ]);
    expect(error.message.split('\n').sort()).toEqual(
      [
        'plugin "messy": route "messy.index" declares no permission',
        'plugin "messy": page slot "messy.box": unknown zone "nowhere" (known: home.main, home.side, person.details.after, cartella.header.after, cartella.main.after, cartella.side.before, cartella.side.after, intervention.details.after, access.details.after)',
        'plugin "messy": menu item "messy.item": the i18n key "messy:menu" is missing in en',
      ].sort(),
    );
  });
});

describe('plugin containers', () => {
  it('give each plugin its own child container: one plugin’s registrations are invisible to another', () => {
    const root = tempWorkspace('containers');
    writePlugin(root, { id: 'first', code: "register(p) { p.container.register('greeting', { useValue: 'first' }); }" });
    writePlugin(root, { id: 'second', code: 'register() {}' });
    const { kernel, container } = prepare(fixtureConfig(root, { plugins: ['first', 'second'] }), { log: silent });
    expect(kernel.plugin('first')!.container.resolve('greeting')).toBe('first');
    expect(kernel.plugin('second')!.container.isRegistered('greeting', true)).toBe(false);
    expect(container.isRegistered('greeting', true)).toBe(false);
  });
});
