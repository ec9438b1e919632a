// SPDX-License-Identifier: AGPL-3.0-or-later
/** The SIUSS writers against INPS's own XSDs: every file written here goes through libxml2. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PsRecord, SinbaRecord } from '../src/model';
import { validateEnte, validatePs, validateSinba } from '../src/validation';
import {
  beneficiarioXml,
  cleanXmlText,
  escapeXml,
  flussoHead,
  flussoTail,
  psFlussoChunks,
  psFlussoXml,
  sinbaFlussoXml,
  sinbaXml,
} from '../src/xml';
import {
  SAMPLE_ENTE,
  SAMPLE_PS_CANCELLATION,
  SAMPLE_PS_OCCASIONAL,
  SAMPLE_PS_PERIODIC,
  SAMPLE_SINBA_FULL,
  SAMPLE_SINBA_MINIMAL,
  validateAgainstXsd,
} from './xsd';

const NOME = 'H501.PS.20260315.0000001';

/** The XSD's attributes of each named complex type, in the XSD's order. */
function xsdAttributeOrder(file: string): Map<string, string[]> {
  const xsd = readFileSync(join(__dirname, '..', 'schemas', file), 'utf8').replace(/<!--[\s\S]*?-->/g, '');
  const starts = [...xsd.matchAll(/<xs:(?:complexType|simpleType) name="(\w+)"/g)];
  const types = new Map<string, string[]>();
  starts.forEach((match, i) => {
    const body = xsd.slice(match.index, starts[i + 1]?.index ?? xsd.length);
    types.set(
      match[1]!,
      [...body.matchAll(/<xs:attribute name="(\w+)"/g)].map((m) => m[1]!),
    );
  });
  return types;
}

function unescape(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|apos|#\d+);/g, (_, entity: string) =>
    entity.startsWith('#')
      ? String.fromCodePoint(Number(entity.slice(1)))
      : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[entity]!,
  );
}

/** The attributes of every `<element …>` start tag, in document order, read back from the text. */
function elements(xml: string, element: string): { names: string[]; values: Record<string, string> }[] {
  return [...xml.matchAll(new RegExp(`<${element}((?:\\s+\\w+="[^"]*")*)\\s*/?>`, 'g'))].map((match) => {
    const pairs = [...match[1]!.matchAll(/(\w+)="([^"]*)"/g)];
    return { names: pairs.map((p) => p[1]!), values: Object.fromEntries(pairs.map((p) => [p[1]!, unescape(p[2]!)])) };
  });
}

describe('PS/PSA/SINA flusso', () => {
  it.each([
    ['a periodic prestazione with every attribute and SINA', SAMPLE_PS_PERIODIC],
    ['an occasional prestazione', SAMPLE_PS_OCCASIONAL],
    ['a cancellation (TipoOperazione C)', SAMPLE_PS_CANCELLATION],
  ])('%s is valid against the XSD and passes the pre-validation', async (_, record) => {
    expect(validateEnte(SAMPLE_ENTE)).toEqual([]);
    expect(validatePs(record)).toEqual([]);
    const xml = psFlussoXml(NOME, SAMPLE_ENTE, record);
    expect(await validateAgainstXsd(xml, 'PS_PSA_SINA')).toEqual([]);
    expect(xml.match(/<Beneficiario /g)).toHaveLength(1);
    expect(xml.match(/<PrestazioniSociali /g)).toHaveLength(1);
  });

  it('starts with the declaration, the namespace and IdentificazioneFlusso, and ends with the tail', () => {
    const xml = psFlussoXml(NOME, SAMPLE_ENTE, SAMPLE_PS_OCCASIONAL);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<Flusso xmlns="http://inps.it/Casellario">\n')).toBe(true);
    expect(xml).toContain(
      `<IdentificazioneFlusso Nome="${NOME}">\n<Ente Codice="H501" Denominazione="Comune di Roma" Indirizzo="H501" CFOperatore="RSSMRA80A01H501U"/>`,
    );
    expect(xml.endsWith(flussoTail())).toBe(true);
  });

  it('writes the attributes in the XSD order, SINA and its lists in order', () => {
    const order = xsdAttributeOrder('PS_PSA_SINA201812.xsd');
    const xml = psFlussoXml(NOME, SAMPLE_ENTE, SAMPLE_PS_PERIODIC);
    // The complete sample has every attribute: the written order is the XSD's, whole.
    expect(elements(xml, 'Ente')[0]!.names).toEqual(order.get('EnteType'));
    expect(elements(xml, 'Beneficiario')[0]!.names).toEqual(order.get('BeneficiarioType'));
    expect(elements(xml, 'Anagrafica')[0]!.names).toEqual(order.get('AnagraficaType'));
    expect(elements(xml, 'Indirizzo')[0]!.names).toEqual(order.get('IndirizzoType'));
    expect(elements(xml, 'PrestazioniSociali')[0]!.names).toEqual(order.get('PrestazioniSocialiType'));
    expect(elements(xml, 'SINA')[0]!.names).toEqual(order.get('SINAType'));
    expect(xml).toMatch(
      /<SINA [^>]*>\n<NecessitaInterventiSociali>\n<CodicePrestazione>A2\.07<\/CodicePrestazione>\n<CodicePrestazione>A2\.08<\/CodicePrestazione>\n<\/NecessitaInterventiSociali>\n<InvaliditaCivile>\n<InvCiv>2<\/InvCiv>\n<InvCiv>6<\/InvCiv>\n<\/InvaliditaCivile>\n<\/SINA>\n<\/PrestazioniSociali>/,
    );
  });

  it('leaves out absent and empty optional attributes, and writes a SINA without lists as an empty element', async () => {
    const record: PsRecord = {
      ...SAMPLE_PS_PERIODIC,
      Anagrafica: { ...SAMPLE_PS_PERIODIC.Anagrafica, CodiceSecondaCittadinanza: '' },
      Prestazione: {
        ...SAMPLE_PS_PERIODIC.Prestazione,
        TipoOperazione: undefined,
        DataDSU: '',
        ImportoQuotaSSN: undefined,
        SINA: {
          ...SAMPLE_PS_PERIODIC.Prestazione.SINA!,
          NecessitaInterventiSociali: [],
          InvaliditaCivile: [],
          DisturbiAreaCognitiva: undefined,
        },
      },
    };
    const xml = psFlussoXml(NOME, SAMPLE_ENTE, record);
    for (const name of [
      'CodiceSecondaCittadinanza',
      'TipoOperazione',
      'DataDSU',
      'ImportoQuotaSSN',
      'DisturbiAreaCognitiva',
      'NecessitaInterventiSociali',
      'InvaliditaCivile',
    ]) {
      expect(xml).not.toContain(name);
    }
    expect(xml).toMatch(/<SINA Mobilita="2"[^>]*\/>\n<\/PrestazioniSociali>/);
    expect(validatePs(record)).toEqual([]);
    expect(await validateAgainstXsd(xml, 'PS_PSA_SINA')).toEqual([]);
  });

  it('groups a file by person: one Beneficiario per codice fiscale, one PrestazioniSociali per record', async () => {
    const second: PsRecord = {
      ...SAMPLE_PS_PERIODIC,
      // Anagrafica and addresses come from the first record of the person.
      Anagrafica: { ...SAMPLE_PS_PERIODIC.Anagrafica, Cognome: 'Ignored' },
      Indirizzo: [],
      Prestazione: { ...SAMPLE_PS_OCCASIONAL.Prestazione, ProtocolloDomanda: 'RM/2026/000789' },
    };
    const records = [SAMPLE_PS_PERIODIC, second, SAMPLE_PS_OCCASIONAL, SAMPLE_PS_CANCELLATION];
    const chunks = [...psFlussoChunks('H501.PS.20260315.0000002', SAMPLE_ENTE, records)];
    expect(chunks).toHaveLength(5); // head, three persons, tail
    const xml = chunks.join('');
    expect(await validateAgainstXsd(xml, 'PS_PSA_SINA')).toEqual([]);
    const persons = elements(xml, 'Beneficiario').map((b) => b.values.CodiceFiscale);
    expect(persons).toEqual(['VRDGPP40C12G478P', 'CRSPLA38E20Z404T', 'BNCLRA85M41F205C']);
    expect(elements(xml, 'Anagrafica').map((a) => a.values.Cognome)).toEqual(['Verdi', 'Cruz', 'Bianchi']);
    expect(elements(xml, 'PrestazioniSociali').map((p) => p.values.ProtocolloDomanda)).toEqual([
      'RM/2026/000123',
      'RM/2026/000789',
      'RM/2026/000456',
      'RM/2025/009999',
    ]);
    expect(beneficiarioXml([SAMPLE_PS_PERIODIC, second]).match(/<PrestazioniSociali /g)).toHaveLength(2);
  });

  it('refuses what cannot be one Beneficiario or one header', () => {
    expect(() => beneficiarioXml([])).toThrow(RangeError);
    expect(() => beneficiarioXml([SAMPLE_PS_PERIODIC, SAMPLE_PS_OCCASIONAL])).toThrow(/codice fiscale/);
    expect(() => flussoHead('PS_PSA_SINA', { nome: 'x'.repeat(51), ente: SAMPLE_ENTE })).toThrow(RangeError);
    expect(flussoHead('SINBA', { nome: 'x'.repeat(50), ente: SAMPLE_ENTE })).toContain(`Nome="${'x'.repeat(50)}"`);
  });
});

describe('SINBA flusso', () => {
  it.each([
    ['with every attribute', SAMPLE_SINBA_FULL],
    ['with only the required attributes', SAMPLE_SINBA_MINIMAL],
  ])('%s is valid against the XSD and passes the pre-validation', async (_, record) => {
    expect(validateSinba(record)).toEqual([]);
    const xml = sinbaFlussoXml('H501.SINBA.20260315.0000001', SAMPLE_ENTE, record);
    expect(await validateAgainstXsd(xml, 'SINBA')).toEqual([]);
    expect(xml.match(/<CodicePrestazione>/g)).toHaveLength(record.Prestazioni.length);
    expect(xml.match(/<ComposizioneFamiglia>/g)).toHaveLength(record.Famiglia.length);
  });

  it('writes the attributes in the XSD order and leaves out the absent ones', () => {
    const order = xsdAttributeOrder('SINBA.xsd').get('SinbaType')!;
    expect(elements(sinbaXml(SAMPLE_SINBA_FULL), 'SINBA')[0]!.names).toEqual(order);
    const minimal = elements(sinbaXml(SAMPLE_SINBA_MINIMAL), 'SINBA')[0]!.names;
    expect(minimal).toEqual(order.filter((name) => name in SAMPLE_SINBA_MINIMAL.attributes));
    expect(minimal).not.toContain('TipoDisabilita');
  });

  it('writes several records in one file', async () => {
    const xml =
      flussoHead('SINBA', { nome: 'H501.SINBA.20260315.0000002', ente: SAMPLE_ENTE }) +
      sinbaXml(SAMPLE_SINBA_FULL) +
      sinbaXml(SAMPLE_SINBA_MINIMAL) +
      flussoTail();
    expect(await validateAgainstXsd(xml, 'SINBA')).toEqual([]);
    expect(elements(xml, 'SINBA').map((s) => s.values.IDBeneficiario)).toEqual(['H501-000000042', 'X7']);
  });
});

describe('escaping', () => {
  it('escapes markup, keeps tabs and line breaks as references and drops what XML 1.0 cannot carry', () => {
    expect(escapeXml('Rossi')).toBe('Rossi');
    expect(escapeXml(`D'Alò & <Figli> "Sr"`)).toBe(`D'Alò &amp; &lt;Figli&gt; &quot;Sr&quot;`);
    expect(escapeXml('a\tb\nc\rd')).toBe('a&#9;b&#10;c&#13;d');
    expect(escapeXml('a\u0000b\u0001c\u001fd\u007fe')).toBe('abcd\u007fe');
    expect(escapeXml('x\ud800y\udc00z\ufffe\uffff')).toBe('xyz');
    expect(escapeXml('smile \ud83d\ude00')).toBe('smile \ud83d\ude00');
    expect(cleanXmlText('a\u0001b\ud83d\ude00\ud83d')).toBe('ab\ud83d\ude00');
    expect(cleanXmlText('tab\tkept & <as is>')).toBe('tab\tkept & <as is>');
  });

  it('writes names with &, <, quotes, accents and controls as valid XML that reads back to the same text', async () => {
    const record: PsRecord = {
      ...SAMPLE_PS_PERIODIC,
      Anagrafica: { ...SAMPLE_PS_PERIODIC.Anagrafica, Cognome: `D'Alò & <Figli> "Sr"`, Nome: 'Zoë\u0001 Ñuñez 😀\ud800' },
      Prestazione: {
        ...SAMPLE_PS_PERIODIC.Prestazione,
        DenominazionePrestazione: 'Contributo "casa" &\tcanone\nanno <2026> à é ì ò ù',
        ProtocolloDomanda: 'A&B<1>"2"',
      },
    };
    expect(validatePs(record)).toEqual([]);
    const ente = { ...SAMPLE_ENTE, Denominazione: 'Comune di Sant\'Antonio & "Abate" <NA>' };
    const xml = psFlussoXml(NOME, ente, record);
    expect(await validateAgainstXsd(xml, 'PS_PSA_SINA')).toEqual([]);
    // eslint-disable-next-line no-control-regex -- no control character XML 1.0 forbids
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);

    const anagrafica = elements(xml, 'Anagrafica')[0]!.values;
    expect(anagrafica.Cognome).toBe(`D'Alò & <Figli> "Sr"`);
    expect(anagrafica.Nome).toBe('Zoë Ñuñez 😀');
    expect(anagrafica.Nome).toBe(cleanXmlText(record.Anagrafica.Nome!));
    const prestazione = elements(xml, 'PrestazioniSociali')[0]!.values;
    expect(prestazione.DenominazionePrestazione).toBe(record.Prestazione.DenominazionePrestazione);
    expect(prestazione.ProtocolloDomanda).toBe('A&B<1>"2"');
    expect(elements(xml, 'Ente')[0]!.values.Denominazione).toBe(ente.Denominazione);
  });

  it('escapes SINBA values and list items', async () => {
    const record: SinbaRecord = {
      ...SAMPLE_SINBA_MINIMAL,
      attributes: { ...SAMPLE_SINBA_MINIMAL.attributes, IDBeneficiario: 'id&<"1">' },
      Prestazioni: ['A1.04&<'],
    };
    expect(validateSinba(record)).toEqual([]);
    const xml = sinbaFlussoXml('H501.SINBA.20260315.0000003', SAMPLE_ENTE, record);
    expect(await validateAgainstXsd(xml, 'SINBA')).toEqual([]);
    expect(elements(xml, 'SINBA')[0]!.values.IDBeneficiario).toBe('id&<"1">');
    expect(xml).toContain('<CodicePrestazione>A1.04&amp;&lt;</CodicePrestazione>');
  });
});
