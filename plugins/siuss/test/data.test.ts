// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The reference data the flows convert with: ISTAT citizenship codes to ISO 3166-1 numeric, INPS's prestazioni
 * with denominations the XSD accepts, the regions, and core's areas to SIUSS's AreaUtenza, checked against the
 * XSD and against what the running core actually holds (its areas, the citizenships of its demo registry).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CodeLists } from '@sigess/core/sdk';
import { createTestApp, type TestApp } from '@sigess/core/testing';
import { AREA_UTENZA_OF_CORE_AREA, areaUtenzaOf } from '../src/data/areas';
import { CITIZENSHIPS, CITIZENSHIPS_LIST, isoNumericOfIstat } from '../src/data/citizenship';
import { PRESTAZIONI, PRESTAZIONI_LIST, denominazionePrestazione } from '../src/data/prestazioni';
import { REGIONS_LIST } from '../src/data/regions';

const PS_XSD = readFileSync(join(__dirname, '..', 'schemas', 'PS_PSA_SINA201812.xsd'), 'utf8');

/** The enumeration values of one of the XSD's simple types. */
function enumeration(type: string): string[] {
  const body = new RegExp(`<xs:simpleType name="${type}">([\\s\\S]*?)</xs:simpleType>`).exec(PS_XSD)?.[1] ?? '';
  return [...body.matchAll(/<xs:enumeration value="([^"]*)"/g)].map((m) => m[1]!);
}

/** The length bounds of an attribute of `PrestazioniSocialiType` with an inline string restriction. */
function lengthOf(attribute: string): { min: number; max: number } {
  const body = new RegExp(`<xs:attribute name="${attribute}" use="required">([\\s\\S]*?)</xs:attribute>`).exec(PS_XSD)?.[1] ?? '';
  return { min: Number(/<xs:minLength value="(\d+)"/.exec(body)![1]), max: Number(/<xs:maxLength value="(\d+)"/.exec(body)![1]) };
}

const duplicates = (values: readonly (string | null)[]) => values.filter((v, i) => v !== null && values.indexOf(v) !== i);

describe('citizenship codes', () => {
  it('turn the ISTAT codes core stores into ISO 3166-1 numeric, Italy 380', () => {
    expect(isoNumericOfIstat('100')).toBe('380');
    // The demo registry's communities (core/src/modules/people/demo.ts).
    expect(isoNumericOfIstat('235')).toBe('642'); // Romania
    expect(isoNumericOfIstat('436')).toBe('504'); // Morocco
    expect(isoNumericOfIstat('201')).toBe('008'); // Albania
    expect(isoNumericOfIstat('243')).toBe('804'); // Ukraine
    expect(isoNumericOfIstat('254')).toBe('498'); // Moldova
    expect(isoNumericOfIstat('314')).toBe('156'); // China
    // Where ISTAT's numbers look like ISO's, they still mean other states: ISTAT 380 is no state, ISO 100 Bulgaria.
    expect(isoNumericOfIstat('209')).toBe('100');
    expect(isoNumericOfIstat('380')).toBeNull();
    // No ISO code: stateless, Kosovo; nor for what is not in the table.
    expect(isoNumericOfIstat('999')).toBeNull();
    expect(isoNumericOfIstat('272')).toBeNull();
    expect(isoNumericOfIstat('')).toBeNull();
  });

  it('hold each ISTAT and each ISO code once, in the forms the flows need', () => {
    expect(duplicates(CITIZENSHIPS.map((c) => c.istat))).toEqual([]);
    expect(duplicates(CITIZENSHIPS.map((c) => c.iso))).toEqual([]);
    expect(duplicates(CITIZENSHIPS.map((c) => c.alpha2))).toEqual([]);
    expect(CITIZENSHIPS.filter((c) => !/^\d{3}$/.test(c.istat) || (c.iso !== null && !/^\d{3}$/.test(c.iso)))).toEqual([]);
    expect(CITIZENSHIPS.filter((c) => c.iso === null).map((c) => c.istat)).toEqual(['272', '999']);
    expect(CITIZENSHIPS.filter((c) => !c.name.it.trim() || !c.name.en.trim())).toEqual([]);
    // ISTAT's continents: 2xx Europe, 3xx Asia, 4xx Africa, 5xx-6xx the Americas, 7xx Oceania.
    const byHundred = (h: string) => CITIZENSHIPS.filter((c) => c.istat.startsWith(h)).length;
    expect([byHundred('2'), byHundred('3'), byHundred('4'), byHundred('5') + byHundred('6'), byHundred('7')]).toEqual([44, 49, 54, 35, 14]);
  });

  it('are offered as a code list of ISTAT codes, Italy first', () => {
    expect(CITIZENSHIPS_LIST.entries[0]).toEqual({ code: '100', label: { it: 'Italia', en: 'Italy' } });
    expect(CITIZENSHIPS_LIST.entries.map((e) => e.code).sort()).toEqual(CITIZENSHIPS.map((c) => c.istat).sort());
  });
});

describe('INPS prestazioni', () => {
  it('have codes and denominations of the lengths the XSD accepts', () => {
    const denomination = lengthOf('DenominazionePrestazione');
    const code = lengthOf('CodicePrestazione');
    expect(denomination).toEqual({ min: 10, max: 200 });
    expect(code).toEqual({ min: 5, max: 10 });
    const tooShortOrLong = PRESTAZIONI.filter(
      (p) => p.denominazione.length < denomination.min || p.denominazione.length > denomination.max,
    );
    expect(tooShortOrLong).toEqual([]);
    expect(PRESTAZIONI.filter((p) => p.code.length < code.min || p.code.length > code.max)).toEqual([]);
    expect(duplicates(PRESTAZIONI.map((p) => p.code))).toEqual([]);
  });

  it('name a code as DenominazionePrestazione, and nothing for a code the table does not hold', () => {
    expect(denominazionePrestazione('A1.04')).toBe('Contributi economici a integrazione del reddito familiare');
    expect(denominazionePrestazione('A2.08')).toBe('ADI – Assistenza domiciliare integrata con servizi sanitari');
    expect(denominazionePrestazione('A1.05.01')).toBe('Contributi economici per alloggio – erogazione');
    expect(denominazionePrestazione('Z9.99')!.length).toBeGreaterThanOrEqual(10);
    expect(denominazionePrestazione('A9.99')).toBeUndefined();
  });

  it('are a versioned code list with both languages', () => {
    expect(PRESTAZIONI_LIST).toMatchObject({ id: 'siuss.prestazioni', version: 1 });
    expect(PRESTAZIONI_LIST.entries).toHaveLength(PRESTAZIONI.length);
    expect(PRESTAZIONI_LIST.entries.filter((e) => !e.label.it || !e.label.en)).toEqual([]);
  });
});

describe('regions', () => {
  it('are the twenty ISTAT regions, two digits each', () => {
    const codes = REGIONS_LIST.entries.map((e) => e.code);
    expect(codes).toEqual(Array.from({ length: 20 }, (_, i) => String(i + 1).padStart(2, '0')));
  });
});

describe('areas and citizenships of the running core', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp({ plugins: ['siuss'] });
  });
  afterAll(() => app?.close());

  it('map every area of core.areas, and only those, to an AreaUtenza of the XSD or to none', () => {
    const areas = app.platform.kernel.registry.everything(CodeLists).find((l) => l.value.id === 'core.areas')!.value;
    expect(Object.keys(AREA_UTENZA_OF_CORE_AREA).sort()).toEqual(areas.entries.map((e) => e.code).sort());
    const allowed = enumeration('AreaUtenzaType');
    expect(allowed).toEqual(['1', '2', '3']);
    for (const [area, code] of Object.entries(AREA_UTENZA_OF_CORE_AREA))
      expect([area, code === null || allowed.includes(code)]).toEqual([area, true]);
    expect(areaUtenzaOf('famiglia-minori')).toBe('1');
    expect(areaUtenzaOf('anziani')).toBe('2');
    expect(areaUtenzaOf('poverta')).toBe('3');
    expect(areaUtenzaOf('multiutenza')).toBeUndefined();
    expect(areaUtenzaOf('toString')).toBeUndefined();
  });

  it('convert every citizenship of the demo registry', async () => {
    const em = app.platform.orm.em.fork();
    await em.execute('reset role');
    try {
      const rows = await em.execute<{ code: string }[]>('select distinct unnest(citizenships) as code from core.person order by 1');
      expect(rows.length).toBeGreaterThan(3);
      expect(rows.map((r) => r.code).filter((code) => isoNumericOfIstat(code) === null)).toEqual([]);
    } finally {
      await em.execute(`set role ${app.platform.config.appRole}`);
    }
  });
});
