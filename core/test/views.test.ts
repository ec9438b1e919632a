// SPDX-License-Identifier: AGPL-3.0-or-later
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ViewEngine } from '../src/views/engine';
import { tempWorkspace } from './fixtures';

function write(file: string, text: string): void {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
}

const data = { locale: 'it' as const, t: ((k: string) => k) as never, slots: {}, shell: {} };

describe('the layered view resolver', () => {
  const root = tempWorkspace('views');
  const core = join(root, 'core-views');
  const plugin = join(root, 'plugins', 'demo');
  const parent = join(root, 'themes', 'parent');
  const child = join(root, 'themes', 'child');
  write(join(core, 'page.hbs'), 'core page');
  write(join(core, 'only-core.hbs'), 'only core');
  write(join(core, 'partials/box.hbs'), 'core box');
  write(join(core, 'uses-box.hbs'), '[{{> core:partials/box}}]');
  write(join(plugin, 'views', 'page.hbs'), 'plugin page');
  write(join(plugin, 'views', 'only-plugin.hbs'), 'only plugin');
  write(join(parent, 'templates', 'core', 'page.hbs'), 'parent theme page');
  write(join(parent, 'templates', 'demo', 'page.hbs'), 'parent theme plugin page');
  write(join(parent, 'templates', 'core', 'partials', 'box.hbs'), 'parent box');
  write(join(child, 'templates', 'core', 'page.hbs'), 'child theme page');

  const themes = [
    { id: 'child', dir: child, manifest: { kind: 'theme' as const, id: 'child', displayName: { it: 'c', en: 'c' }, extends: 'parent' } },
    { id: 'parent', dir: parent, manifest: { kind: 'theme' as const, id: 'parent', displayName: { it: 'p', en: 'p' } } },
  ];
  const engine = new ViewEngine({ themes, plugins: [{ id: 'demo', dir: plugin }], coreViewsDir: core }).load();

  it('the active theme wins over its parent, the plugin and core', () => {
    expect(engine.render('core:page', {}, data)).toBe('child theme page');
  });

  it('a parent theme wins over the owner', () => {
    expect(engine.render('demo:page', {}, data)).toBe('parent theme plugin page');
    expect(engine.render('core:uses-box', {}, data)).toBe('[parent box]');
  });

  it('the owner provides what no theme overrides', () => {
    expect(engine.render('core:only-core', {}, data)).toBe('only core');
    expect(engine.render('demo:only-plugin', {}, data)).toBe('only plugin');
  });

  it('a plugin provides only its own namespace: its page.hbs never replaces core:page', () => {
    const bare = new ViewEngine({ themes: [], plugins: [{ id: 'demo', dir: plugin }], coreViewsDir: core }).load();
    expect(bare.render('core:page', {}, data)).toBe('core page');
    expect(bare.render('demo:page', {}, data)).toBe('plugin page');
  });

  it('reports unknown partials and helpers, broken templates and unescaped output', () => {
    const broken = join(root, 'themes', 'broken');
    write(join(broken, 'templates', 'core', 'a.hbs'), '{{> core:partials/nothing}} {{shout "x"}} {{{raw}}}');
    write(join(broken, 'templates', 'core', 'b.hbs'), '{{#if}}');
    const checked = new ViewEngine({
      themes: [{ id: 'broken', dir: broken, manifest: { kind: 'theme', id: 'broken', displayName: { it: 'b', en: 'b' } } }],
      plugins: [],
      coreViewsDir: core,
    }).load();
    checked.env.registerHelper('t', (key: string) => key);
    const codes = checked.check().map((p) => `${p.code} ${p.message.split(':')[0]}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        'ST041 unknown partial "core',
        'ST040 unknown helper "shout"',
        'ST070 unescaped output ({{{ }}}) is not allowed; pass trusted HTML as a SafeString from a helper',
        'ST030 does not compile',
      ]),
    );
  });

  it('knows which slot zones a page renders, through its partials', () => {
    const zoned = join(root, 'zoned');
    write(join(zoned, 'page.hbs'), '{{slot "home.main"}}{{> core:partials/side}}');
    write(join(zoned, 'partials', 'side.hbs'), '{{#if x}}{{slot "home.side"}}{{/if}}');
    const z = new ViewEngine({ themes: [], plugins: [], coreViewsDir: zoned }).load();
    expect([...z.zonesOf('core:page')].sort()).toEqual(['home.main', 'home.side']);
  });
});
