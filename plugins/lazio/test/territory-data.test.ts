// SPDX-License-Identifier: AGPL-3.0-or-later
import { createTestApp, type TestApp } from '@sigess/core/testing';
import { LAZIO_ASL, LAZIO_DISTRETTI } from '../src/territory/distretti';
import { ROMA_ASL } from '../src/territory/roma';

type Municipality = { belfiore: string; name: string; region: string | null; current: boolean };

/** Roma Capitale is a distretto of its own (its Municipi), so it is the one Lazio comune the list leaves out. */
const ROMA = 'H501';
const CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const duplicates = (values: readonly string[]): string[] => values.filter((v, i) => values.indexOf(v) !== i);

describe("Lazio's distretti socio-sanitari outside Roma Capitale, against the installation's reference data", () => {
  let app: TestApp;
  let municipalities: Map<string, Municipality>;

  beforeAll(async () => {
    // No plugin needed: the data is checked against the migrated core.municipality, which every installation has.
    app = await createTestApp();
    const rows = await app.platform.orm.em
      .fork()
      .execute<Municipality[]>(
        'select belfiore_code as belfiore, name, region_code as region, valid_to is null as current from core.municipality',
      );
    municipalities = new Map(rows.map((r) => [r.belfiore.trim(), r]));
  });
  afterAll(() => app.close());

  const placed = () => LAZIO_DISTRETTI.flatMap((d) => d.comuni.map((c) => ({ distretto: d.code, ...c })));

  it('names every comune by a current Lazio cadastral code, with the name the reference data gives it', () => {
    const wrong = placed()
      .map((c) => ({ c, m: municipalities.get(c.belfiore) }))
      .filter(({ c, m }) => !m || !m.current || m.region !== '12' || m.name !== c.name)
      .map(
        ({ c, m }) => `${c.distretto}: ${c.belfiore} ${c.name} ≠ ${m ? `${m.name} (region ${m.region}, current ${m.current})` : 'unknown'}`,
      );
    expect(wrong).toEqual([]);
  });

  it('places every current comune of Lazio but Roma in exactly one distretto, and Roma in none', () => {
    const codes = placed().map((c) => c.belfiore);
    const lazio = [...municipalities.values()].filter((m) => m.current && m.region === '12').map((m) => m.belfiore.trim());
    expect(lazio).toHaveLength(378); // the region's comuni as of the reference data (ISTAT, January 2024)
    expect(duplicates(codes)).toEqual([]);
    expect(lazio.filter((b) => b !== ROMA && !codes.includes(b))).toEqual([]);
    expect(codes).not.toContain(ROMA);
    expect(codes).toHaveLength(lazio.length - 1);
  });

  it('leads each distretto from one of its own comuni and ties it to a distretto sanitario of the data', () => {
    const healthDistricts = new Set(LAZIO_ASL.flatMap((asl) => asl.districts.map((d) => d.code)));
    for (const d of LAZIO_DISTRETTI) {
      expect({ distretto: d.code, capofilaInside: d.comuni.some((c) => c.belfiore === d.capofila) }).toEqual({
        distretto: d.code,
        capofilaInside: true,
      });
      expect(healthDistricts).toContain(d.healthDistrict);
      expect(d.source).toMatch(/^https?:\/\/\S+( ; https?:\/\/\S+)*$/);
    }
    // Every distretto sanitario listed serves at least one distretto socio-sanitario: none is stale.
    const used = new Set(LAZIO_DISTRETTI.map((d) => d.healthDistrict));
    expect([...healthDistricts].filter((h) => !used.has(h))).toEqual([]);
    // DGR 660/2017: 36 ambiti outside Roma Capitale.
    expect(LAZIO_DISTRETTI).toHaveLength(36);
  });

  it("uses unique, well-formed codes that do not clash with Roma Capitale's", () => {
    const distretti = LAZIO_DISTRETTI.map((d) => d.code);
    const asls = LAZIO_ASL.map((a) => a.code);
    const districts = [...LAZIO_ASL, ...ROMA_ASL].flatMap((a) => a.districts.map((d) => d.code));
    for (const code of [...distretti, ...asls, ...districts]) expect(code).toMatch(CODE);
    expect(duplicates([...distretti, ...asls, ...districts])).toEqual([]);
    // An ASL both files name (Roma 3: its Municipi in roma.ts, Fiumicino here) is the same ASL under the same name.
    for (const asl of LAZIO_ASL) {
      const roma = ROMA_ASL.find((r) => r.code === asl.code);
      if (roma) expect(roma.name).toBe(asl.name);
    }
    for (const asl of LAZIO_ASL) for (const d of asl.districts) expect(d.code.startsWith(`${asl.code}-distretto-`)).toBe(true);
  });
});
