// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The documents of a cartella: the type told from the bytes (and the extension that must agree), the size
 * limit, the virus-scan port (core's adapter scans nothing and says so; a plugin's refuses EICAR), storage
 * in the database or in a folder (nothing left behind when the transaction fails), the fences of row-level
 * security (team-only, another organization, a partner's share), withdrawal, and the audit trail.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createTestApp, type TestApp } from '../src/testing';
import { loadConfig } from '../src/config/config';
import { enterScope } from '../src/db/scope';
import { sniff, safeFilename, extensionAgrees } from '../src/modules/documents/sniff';
import { client, fieldsOf, ids, person, type Client } from './cartella-helpers';
import { tempWorkspace, writePlugin } from './fixtures';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90), Buffer.from('This program cannot be run in DOS mode')]);
const HTML = Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>');
const EICAR = Buffer.from('X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*');
const LIMIT = 64 * 1024;

/** A ZIP archive of stored (uncompressed) entries, enough for the sniffer to read its directory. */
function zip(entries: readonly [name: string, content: string][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const n = Buffer.from(name);
    const data = Buffer.from(content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const ODT = zip([
  ['mimetype', 'application/vnd.oasis.opendocument.text'],
  ['content.xml', '<office:document-content/>'],
]);
const DOCX = zip([
  ['[Content_Types].xml', '<Types/>'],
  ['word/document.xml', '<w:document/>'],
]);

describe('the content sniffer', () => {
  it('tells the accepted types from their bytes and nothing else', () => {
    expect(sniff(PDF)).toBe('pdf');
    expect(sniff(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).toBe('png');
    expect(sniff(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]))).toBe('jpeg');
    expect(sniff(Buffer.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]))).toBe('tiff');
    expect(sniff(ODT)).toBe('odt');
    expect(sniff(zip([['mimetype', 'application/vnd.oasis.opendocument.spreadsheet']]))).toBe('ods');
    expect(sniff(DOCX)).toBe('docx');
    expect(
      sniff(
        zip([
          ['[Content_Types].xml', '<Types/>'],
          ['xl/workbook.xml', '<workbook/>'],
        ]),
      ),
    ).toBe('xlsx');
    expect(sniff(Buffer.from('Relazione del colloquio, città di Orvieto.\n'))).toBe('text');
    // A plain ZIP, an ODF template, executables, markup, binary junk, nothing at all.
    expect(sniff(zip([['a.txt', 'x']]))).toBeNull();
    expect(sniff(zip([['mimetype', 'application/vnd.oasis.opendocument.text-template']]))).toBeNull();
    expect(sniff(EXE)).toBeNull();
    expect(sniff(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]))).toBeNull();
    expect(sniff(HTML)).toBeNull();
    expect(sniff(Buffer.from('  <svg onload="alert(1)"></svg>'))).toBeNull();
    expect(sniff(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toBeNull();
    expect(sniff(Buffer.from([0xc3, 0x28, 0x41]))).toBeNull();
    expect(sniff(Buffer.alloc(0))).toBeNull();
  });

  it('checks extensions against the content and offers safe names', () => {
    expect(extensionAgrees('Relazione.PDF', 'pdf')).toBe(true);
    expect(extensionAgrees('scan.jpeg', 'jpeg')).toBe(true);
    expect(extensionAgrees('relazione.pdf', 'text')).toBe(false);
    expect(extensionAgrees('senza-estensione', 'pdf')).toBe(true);
    expect(safeFilename('..\\..\\etc/"pass"\r\nwd.pdf', 'pdf')).toBe('_pass___wd.pdf');
    expect(safeFilename('senza-estensione', 'docx')).toBe('senza-estensione.docx');
    expect(safeFilename('...', 'pdf')).toBe('documento.pdf');
  });
});

/** As the database owner, past row-level security. */
async function asOwner<R>(app: TestApp, sql: string, params: unknown[] = []): Promise<R[]> {
  const em = app.platform.orm.em.fork();
  await em.execute('reset role');
  try {
    return await em.execute<R[]>(sql, params);
  } finally {
    await em.execute(`set role ${app.platform.config.appRole}`);
  }
}

/** Runs `work` in a transaction bound to a scope, as the application role: what row-level security lets through. */
async function inScope<R>(
  app: TestApp,
  scope: { orgId: string; orgs: string[]; operatorId?: string },
  work: (em: EntityManager) => Promise<R>,
) {
  return app.platform.orm.em.fork().transactional(async (tx) => {
    await enterScope(tx, scope);
    return work(tx);
  });
}

const upload = (c: Client, cartella: string, file: Buffer, filename: string, fields: Record<string, string> = {}, contentType?: string) => {
  const request = c.agent.post(`/api/v1/cartelle/${cartella}/documents`).set('X-CSRF-Token', c.token).set('Accept', 'application/json');
  for (const [name, value] of Object.entries({
    title: 'Relazione sociale',
    category: 'relazione',
    confidentiality: 'organization',
    ...fields,
  }))
    void request.field(name, value);
  return request.attach('file', file, { filename, contentType: contentType ?? 'application/pdf' });
};

describe('cartella documents', () => {
  let app: TestApp;
  let assistente: Client;
  let educatore: Client;
  let pua: Client;
  let org: (code: string) => string;
  let operator: (username: string) => string;
  let cartella: string;

  beforeAll(async () => {
    app = await createTestApp({ documents: { maxBytes: LIMIT } });
    assistente = await client(app, 'assistente', 'Comune di Orvieto');
    educatore = await client(app, 'educatore');
    pua = await client(app, 'pua');
    ({ org, operator } = await ids(app));
    cartella = await newCartella('Documentati');
  });
  afterAll(() => app.close());

  async function newCartella(surname: string): Promise<string> {
    const personId = (await pua.post('/api/v1/people', person(surname, 'Maria', 'F', '1950-05-12')).expect(201)).body.id as string;
    return (await assistente.post('/api/v1/cartelle', { personId, area: 'anziani' }).expect(201)).body.id as string;
  }

  it('stores a PDF in the database, lists it and gives back the same bytes, under audit', async () => {
    const created = await upload(assistente, cartella, PDF, 'relazione.pdf').expect(201);
    expect(created.body).toMatchObject({
      title: 'Relazione sociale',
      mediaType: 'application/pdf',
      sizeBytes: PDF.length,
      scanStatus: 'not-scanned',
      scanEngine: null,
      filename: 'relazione.pdf',
    });
    const id = created.body.id as string;
    const [row] = await asOwner<{ storage: string; content: Buffer; sha256: string }>(
      app,
      'select storage, content, sha256 from core.cartella_document where id = ?',
      [id],
    );
    expect(row!.storage).toBe('database');
    expect(Buffer.compare(row!.content, PDF)).toBe(0);

    const list = await assistente.get(`/api/v1/cartelle/${cartella}/documents`).expect(200);
    expect(list.body.items.map((d: { id: string }) => d.id)).toContain(id);

    const download = await assistente.agent
      .get(`/api/v1/cartelle/${cartella}/documents/${id}/download`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(Buffer.compare(download.body as Buffer, PDF)).toBe(0);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe('attachment; filename="relazione.pdf"');
    expect(download.headers['x-content-type-options']).toBe('nosniff');

    const audit = await asOwner<{ action: string }>(
      app,
      'select action from core.audit_log where entity = ? and entity_id = ? order by id',
      ['document', id],
    );
    expect(audit.map((a) => a.action)).toEqual(['document.upload', 'document.download']);
    const listed = await asOwner<{ action: string }>(
      app,
      "select action from core.audit_log where action = 'document.list' and entity_id = ?",
      [cartella],
    );
    expect(listed.length).toBeGreaterThan(0);
  });

  it('refuses by content what its name or declared type pretends to be, and audits the attempt', async () => {
    const exe = await upload(assistente, cartella, EXE, 'relazione.pdf').expect(422);
    expect(exe.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(fieldsOf(exe.body).file).toContain('non è di un tipo ammesso');
    const html = await upload(assistente, cartella, HTML, 'relazione.pdf').expect(422);
    expect(fieldsOf(html.body).file).toContain('non è di un tipo ammesso');
    const text = await upload(assistente, cartella, Buffer.from('solo testo'), 'relazione.pdf').expect(422);
    expect(fieldsOf(text.body).file).toContain('.pdf');
    // A type no document is declared as never reaches the handler.
    await upload(assistente, cartella, EXE, 'programma.exe', {}, 'application/x-msdownload').expect(422);

    const refused = await asOwner<{ reason: string }>(
      app,
      "select details->>'reason' as reason from core.audit_log where action = 'document.upload-refused' and entity_id = ? order by id",
      [cartella],
    );
    expect(refused.map((r) => r.reason)).toEqual(['type', 'type', 'extension']);
    const [count] = await asOwner<{ n: string }>(app, 'select count(*) as n from core.cartella_document where cartella_id = ?', [cartella]);
    expect(Number(count!.n)).toBe(1);
  });

  it('refuses a file over the configured size: 422 from the API, the field error on the page', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(LIMIT, 0x20)]);
    const api = await upload(assistente, cartella, big, 'grande.pdf').expect(422);
    expect(fieldsOf(api.body).file).toContain('dimensione massima');

    const page = await assistente.agent
      .post(`/cartelle/${cartella}/documents`)
      .field('_csrf', assistente.token)
      .field('title', 'Troppo grande')
      .field('category', 'relazione')
      .field('confidentiality', 'organization')
      .attach('file', big, { filename: 'grande.pdf', contentType: 'application/pdf' })
      .expect(422);
    expect(page.text).toMatch(/id="error-file">[^<]*dimensione massima/);
    expect(page.text).toContain('value="Troppo grande"');
    // Other field errors show beside their fields, and nothing is saved.
    const blank = await assistente.agent
      .post(`/cartelle/${cartella}/documents`)
      .field('_csrf', assistente.token)
      .field('title', '')
      .field('category', 'sconosciuta')
      .field('confidentiality', 'organization')
      .attach('file', PDF, { filename: 'ok.pdf', contentType: 'application/pdf' })
      .expect(422);
    expect(blank.text).toContain('id="error-title"');
    const [count] = await asOwner<{ n: string }>(app, 'select count(*) as n from core.cartella_document where cartella_id = ?', [cartella]);
    expect(Number(count!.n)).toBe(1);
  });

  it('uploads through the page and shows the documents on the cartella', async () => {
    const sent = await assistente.agent
      .post(`/cartelle/${cartella}/documents`)
      .field('_csrf', assistente.token)
      .field('title', 'Consenso al trattamento')
      .field('category', 'consenso-firmato')
      .field('confidentiality', 'organization')
      .attach('file', ODT, { filename: 'consenso.odt', contentType: 'application/vnd.oasis.opendocument.text' })
      .expect(302);
    expect(sent.headers.location).toBe(`/cartelle/${cartella}/documents?saved=1`);
    const page = await assistente.agent.get(`/cartelle/${cartella}/documents?saved=1`).expect(200);
    expect(page.text).toContain('data-testid="saved"');
    expect(page.text).toContain('Consenso al trattamento');
    expect(page.text).toContain('Non verificato dall&#x27;antivirus');
    const show = await assistente.agent.get(`/cartelle/${cartella}`).expect(200);
    expect(show.text).toContain('data-testid="documents-summary"');
    expect(show.text).toContain('Consenso al trattamento');
  });

  it('keeps team-only documents from colleagues outside the team, even when they ask by id', async () => {
    const secret = (await upload(assistente, cartella, PDF, 'decreto.pdf', { title: 'Decreto TM', confidentiality: 'team' }).expect(201))
      .body.id as string;
    const theirs = await educatore.get(`/api/v1/cartelle/${cartella}/documents`).expect(200);
    expect(theirs.body.items.map((d: { id: string }) => d.id)).not.toContain(secret);
    expect(theirs.body.items.length).toBeGreaterThan(0);
    await educatore.agent.get(`/api/v1/cartelle/${cartella}/documents/${secret}/download`).expect(404);
    const page = await educatore.agent.get(`/cartelle/${cartella}/documents`).expect(200);
    expect(page.text).not.toContain('Decreto TM');
    // Nor may they file one the team could read and they could not.
    const refused = await upload(educatore, cartella, PDF, 'nota.pdf', { confidentiality: 'team' }).expect(422);
    expect(Object.keys(fieldsOf(refused.body))).toEqual(['confidentiality']);
    // Row-level security itself, whatever the query: the operator outside the team sees no team-only row.
    const seen = await inScope(app, { orgId: org('demo-comune'), orgs: [org('demo-comune')], operatorId: operator('educatore') }, (em) =>
      em.execute<{ id: string }[]>('select id::text as id from core.cartella_document where id = ?', [secret]),
    );
    expect(seen).toEqual([]);
  });

  it('is invisible to another organization, and to a partner only what a live share opens', async () => {
    const partners = (
      await upload(assistente, cartella, PDF, 'per-asl.pdf', { title: 'Per la ASL', confidentiality: 'partners' }).expect(201)
    ).body.id as string;
    const count = (scope: { orgId: string; orgs: string[] }) =>
      inScope(app, scope, async (em) => {
        const [row] = await em.execute<{ n: string }[]>('select count(*) as n from core.cartella_document where cartella_id = ?', [
          cartella,
        ]);
        return Number(row!.n);
      });
    const allerona = { orgId: org('demo-comune-2'), orgs: [org('demo-comune-2')] };
    const asl = { orgId: org('demo-asl'), orgs: [org('demo-asl')] };
    expect(await count(allerona)).toBe(0);
    expect(await count(asl)).toBe(0);
    await asOwner(
      app,
      `insert into core.cartella_share (cartella_id, owner_org_id, grantee_org_id, parts, purpose, expires_on)
       select id, owner_org_id, ?, '{summary,documents}', 'valutazione integrata', current_date + 30 from core.cartella where id = ?`,
      [org('demo-asl'), cartella],
    );
    const shared = await inScope(app, asl, (em) =>
      em.execute<{ id: string }[]>('select id::text as id from core.cartella_document where cartella_id = ?', [cartella]),
    );
    expect(shared.map((r) => r.id)).toEqual([partners]);
    // Reading is all a share gives: the partner changes nothing.
    const changed = await inScope(app, asl, (em) =>
      em.execute(`update core.cartella_document set title = 'x' where id = ? returning id`, [partners]),
    );
    expect(changed).toEqual([]);
  });

  it('withdraws a document with a reason: gone from lists and downloads, the row kept, the bytes unchangeable', async () => {
    const id = (await upload(assistente, cartella, PDF, 'errato.pdf', { title: 'Caricato per errore' }).expect(201)).body.id as string;
    const page = await assistente.agent.get(`/cartelle/${cartella}/documents`).expect(200);
    expect(page.text).toContain(`/cartelle/${cartella}/documents/${id}/withdraw`);
    const noReason = await assistente.form(`/cartelle/${cartella}/documents/${id}/withdraw`, { reason: '' }).expect(422);
    expect(noReason.text).toContain(`id="error-reason-${id}"`);
    await educatore.post(`/api/v1/cartelle/${cartella}/documents/${id}/withdraw`, { reason: 'no' }).expect(403);
    await assistente.form(`/cartelle/${cartella}/documents/${id}/withdraw`, { reason: 'Persona sbagliata' }).expect(302);

    const list = await assistente.get(`/api/v1/cartelle/${cartella}/documents`).expect(200);
    expect(list.body.items.map((d: { id: string }) => d.id)).not.toContain(id);
    await assistente.agent.get(`/api/v1/cartelle/${cartella}/documents/${id}/download`).expect(404);
    await assistente.post(`/api/v1/cartelle/${cartella}/documents/${id}/withdraw`, { reason: 'di nuovo' }).expect(404);
    const [row] = await asOwner<{ reason: string; by: string }>(
      app,
      'select deletion_reason as reason, deleted_by::text as by from core.cartella_document where id = ?',
      [id],
    );
    expect(row).toEqual({ reason: 'Persona sbagliata', by: operator('assistente') });
    await expect(asOwner(app, `update core.cartella_document set sha256 = repeat('0', 64) where id = ?`, [id])).rejects.toThrow(
      /withdrawn/,
    );
    const audit = await asOwner<{ action: string }>(
      app,
      "select action from core.audit_log where entity_id = ? and action = 'document.withdraw'",
      [id],
    );
    expect(audit).toHaveLength(1);
  });

  it('takes no uploads into a closed cartella', async () => {
    const closing = await newCartella('Chiusi');
    const { version } = (await assistente.get(`/api/v1/cartelle/${closing}`).expect(200)).body as { version: number };
    await assistente
      .post(`/api/v1/cartelle/${closing}/transitions`, { transition: 'close', reason: 'obiettivi-raggiunti', version })
      .expect(200);
    await upload(assistente, closing, PDF, 'tardi.pdf').expect(409);
    const page = await assistente.agent.get(`/cartelle/${closing}/documents`).expect(200);
    expect(page.text).toContain('data-testid="closed"');
    expect(page.text).not.toContain('data-testid="upload"');
  });

  it('documents its API, the upload as multipart with its size limit', async () => {
    const doc = (await app.newAgent().get('/api/v1/openapi.json').expect(200)).body;
    const collection = doc.paths['/api/v1/cartelle/{id}/documents'];
    expect(Object.keys(collection)).toEqual(expect.arrayContaining(['get', 'post']));
    expect(JSON.stringify(collection.post.requestBody)).toContain('multipart/form-data');
    expect(JSON.stringify(collection.post.requestBody)).toContain(`${LIMIT} bytes`);
    expect(doc.paths['/api/v1/cartelle/{id}/documents/{documentId}/download']).toBeDefined();
    expect(doc.paths['/api/v1/cartelle/{id}/documents/{documentId}/withdraw']).toBeDefined();
  });

  it('is configured with database storage and 10 MiB by default; a folder resolves against the configuration', () => {
    expect(loadConfig({}, '/srv/sigess').documents).toEqual({ storage: 'database', maxBytes: 10_485_760, folder: undefined });
    expect(loadConfig({}, '/srv/sigess', { documents: { storage: 'folder', folder: 'documenti' } }).documents).toMatchObject({
      storage: 'folder',
      folder: '/srv/sigess/documenti',
    });
    expect(() => loadConfig({}, '/srv/sigess', { documents: { storage: 'folder' } })).toThrow(/documents\.folder/);
  });

  it('is refused to roles without the permissions', async () => {
    await pua.get(`/api/v1/cartelle/${cartella}/documents`).expect(403);
    const amministrativo = await client(app, 'amministrativo');
    await amministrativo.get(`/api/v1/cartelle/${cartella}/documents`).expect(403);
    await upload(amministrativo, cartella, PDF, 'x.pdf').expect(403);
  });
});

describe('documents in a folder, scanned by a plugin', () => {
  let app: TestApp;
  let assistente: Client;
  let folder: string;
  let cartella: string;

  beforeAll(async () => {
    const root = tempWorkspace('documents');
    writePlugin(root, {
      id: 'scanner',
      code: `register(p) {
        p.implement(sdk.VirusScanPort, {
          id: 'scanner.eicar',
          scan: async (content) => Buffer.from(content).includes('EICAR-STANDARD-ANTIVIRUS-TEST-FILE')
            ? { status: 'infected', signature: 'Eicar-Test-Signature' }
            : { status: 'clean' },
        });
      }`,
    });
    folder = mkdtempSync(join(tmpdir(), 'sigess-documents-'));
    app = await createTestApp({ rootDir: root, plugins: ['scanner'], documents: { storage: 'folder', folder } });
    assistente = await client(app, 'assistente', 'Comune di Orvieto');
    const pua = await client(app, 'pua');
    const personId = (await pua.post('/api/v1/people', person('Archiviati', 'Luca', 'M', '1961-07-01')).expect(201)).body.id as string;
    cartella = (await assistente.post('/api/v1/cartelle', { personId, area: 'anziani' }).expect(201)).body.id as string;
  });
  afterAll(async () => {
    await app.close();
    rmSync(folder, { recursive: true, force: true });
  });

  /** Every file under the folder, relative to it. */
  const files = (dir = folder, prefix = ''): string[] =>
    readdirSync(dir).flatMap((name) =>
      statSync(join(dir, name)).isDirectory() ? files(join(dir, name), `${prefix}${name}/`) : [`${prefix}${name}`],
    );

  it('writes the bytes under <organization>/<year>/<uuid>, never the client name, and reads them back', async () => {
    const created = await upload(assistente, cartella, DOCX, 'piano.docx', {}, 'application/octet-stream').expect(201);
    expect(created.body).toMatchObject({
      scanStatus: 'clean',
      scanEngine: 'scanner.eicar',
      mediaType: expect.stringContaining('wordprocessingml'),
    });
    const [row] = await asOwner<{ key: string; content: Buffer | null; owner: string }>(
      app,
      'select storage_key as key, content, owner_org_id::text as owner from core.cartella_document where id = ?',
      [created.body.id],
    );
    expect(row!.content).toBeNull();
    expect(row!.key).toMatch(new RegExp(`^${row!.owner}/\\d{4}/[0-9a-f-]{36}$`));
    expect(files()).toEqual([row!.key]);
    expect(Buffer.compare(readFileSync(join(folder, row!.key)), DOCX)).toBe(0);
    const download = await assistente.agent
      .get(`/cartelle/${cartella}/documents/${created.body.id}/download`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(Buffer.compare(download.body as Buffer, DOCX)).toBe(0);
  });

  it('leaves no file behind when the transaction fails after the write', async () => {
    const before = files();
    await asOwner(
      app,
      `create function core.test_refuse_document() returns trigger language plpgsql as $$
       begin if new.title = 'FALLISCE' then raise exception 'refused by the test'; end if; return new; end $$`,
    );
    await asOwner(
      app,
      'create trigger test_refuse_document before insert on core.cartella_document for each row execute function core.test_refuse_document()',
    );
    try {
      await upload(assistente, cartella, PDF, 'fallisce.pdf', { title: 'FALLISCE' }).expect(500);
    } finally {
      await asOwner(app, 'drop trigger test_refuse_document on core.cartella_document');
    }
    expect(files()).toEqual(before);
  });

  it('refuses the EICAR test file, naming the signature, and audits the attempt', async () => {
    const refused = await upload(assistente, cartella, EICAR, 'eicar.txt', {}, 'text/plain').expect(422);
    expect(fieldsOf(refused.body).file).toContain('Eicar-Test-Signature');
    const page = await assistente.agent
      .post(`/cartelle/${cartella}/documents`)
      .field('_csrf', assistente.token)
      .field('title', 'Virus')
      .field('category', 'altro')
      .field('confidentiality', 'organization')
      .attach('file', EICAR, { filename: 'eicar.txt', contentType: 'text/plain' })
      .expect(422);
    expect(page.text).toMatch(/id="error-file">[^<]*Eicar-Test-Signature/);
    const audit = await asOwner<{ signature: string }>(
      app,
      "select details->>'signature' as signature from core.audit_log where action = 'document.upload-refused' and entity_id = ?",
      [cartella],
    );
    expect(audit.map((a) => a.signature)).toEqual(['Eicar-Test-Signature', 'Eicar-Test-Signature']);
    expect(files().length).toBe(1);
  });
});
