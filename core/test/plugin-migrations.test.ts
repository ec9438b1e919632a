// SPDX-License-Identifier: AGPL-3.0-or-later
import { createTestApp, type TestApp } from '../src/testing';
import { tempWorkspace, writePlugin } from './fixtures';

/**
 * Each plugin owns schema plg_<id> and logs its migrations there; plugins
 * migrate after core, in dependency order, so a dependant may reference its
 * dependency's tables.
 */
describe('per-owner migrations', () => {
  let app: TestApp;
  beforeAll(async () => {
    const root = tempWorkspace('plugin-migrations');
    const migration = (name: string, sql: string): string =>
      `{ name: '${name}', class: class extends sdk.Migration { async up() { this.addSql(${JSON.stringify(sql)}); } } }`;
    // "notes-extra" sorts before "notes" would if order were alphabetical: dependency order must win.
    writePlugin(root, {
      id: 'notes-extra',
      dependsOn: ['zz-notes'],
      code: `migrations: [${migration('Migration20261201000000_tags', 'create table plg_notes_extra.tag (note_id int not null references plg_zz_notes.note (id), tag text not null)')}], register() {}`,
    });
    writePlugin(root, {
      id: 'zz-notes',
      code: `migrations: [${migration('Migration20261201000000_init', 'create table plg_zz_notes.note (id serial primary key, body text not null)')}], register() {}`,
    });
    app = await createTestApp({ rootDir: root, plugins: ['notes-extra', 'zz-notes'] });
  });
  afterAll(() => app?.close());

  it('creates each plugin’s tables in its own schema, with its own migration log', async () => {
    const em = app.platform.orm.em.fork();
    expect(app.platform.migrationOwners.map((o) => `${o.id}:${o.schema}`)).toEqual([
      'core:core',
      'zz-notes:plg_zz_notes',
      'notes-extra:plg_notes_extra',
    ]);
    const logs = await em.execute<{ name: string }[]>('select name from plg_zz_notes.sigess_migrations');
    expect(logs.map((l) => l.name)).toEqual(['Migration20261201000000_init']);
    const extra = await em.execute<{ name: string }[]>('select name from plg_notes_extra.sigess_migrations');
    expect(extra.map((l) => l.name)).toEqual(['Migration20261201000000_tags']);
  });

  it('lets the application role use the plugins’ tables', async () => {
    const em = app.platform.orm.em.fork();
    const [note] = await em.execute<{ id: number }[]>("insert into plg_zz_notes.note (body) values ('ciao') returning id");
    await em.execute('insert into plg_notes_extra.tag (note_id, tag) values (?, ?)', [note!.id, 'prova']);
    const rows = await em.execute('select n.body, t.tag from plg_zz_notes.note n join plg_notes_extra.tag t on t.note_id = n.id');
    expect(rows).toEqual([{ body: 'ciao', tag: 'prova' }]);
  });
});
