// SPDX-License-Identifier: AGPL-3.0-or-later
import type { StructureNode } from '../src/sdk';
import { structureProblems } from '../src/modules/organizations/structures';

describe('an organization structure, checked at start-up', () => {
  const valid: StructureNode[] = [
    { code: 'regione-x', name: 'Regione X', kind: 'region' },
    { code: 'distretto-1', name: 'Distretto 1', kind: 'distretto', parent: 'regione-x' },
    { code: 'comune-a', name: 'Comune A', kind: 'comune', belfiore: 'H501', parent: 'distretto-1' },
    { code: 'comune-a-pua', name: 'PUA A', kind: 'service-point', subkind: 'pua', parent: 'comune-a' },
    { code: 'asl-x', name: 'ASL X', kind: 'partner', subkind: 'asl' },
    { code: 'asl-x-d1', name: 'ASL X – Distretto 1', kind: 'service-point', subkind: 'health-district', parent: 'asl-x' },
  ];

  it('accepts a tree whose kinds sit where the administration allows them', () => {
    expect(structureProblems(valid)).toEqual([]);
  });

  it('names every problem: codes, kinds under their parents, subkinds, comuni, parents listed later', () => {
    const problems = structureProblems([
      { code: 'Bad Code', name: 'X', kind: 'region' },
      { code: 'm1', name: 'Municipio', kind: 'municipio', parent: 'Bad Code' },
      { code: 'c1', name: 'Comune', kind: 'comune', parent: 'Bad Code' },
      { code: 'p1', name: 'Punto', kind: 'service-point', subkind: 'asl', parent: 'later' },
      { code: 'later', name: 'Later', kind: 'distretto', belfiore: 'H501' },
      { code: 'later', name: 'Later again', kind: 'distretto' },
    ]);
    expect(problems).toEqual(
      expect.arrayContaining([
        'node "Bad Code": the code must be lower-case letters, digits and hyphens',
        'node "m1": a municipio cannot sit under a region',
        'node "c1": a comune needs its cadastral (Belfiore) code',
        'node "p1": a service-point cannot be a asl',
        'node "p1": its parent "later" is not listed before it',
        'node "later": only a comune has a cadastral code',
        'node "later" is listed twice',
      ]),
    );
  });

  it('lets demo data hang nodes under organizations of a structure it names', () => {
    const known = new Map([['comune-a', 'comune' as const]]);
    expect(
      structureProblems([{ code: 'desk', name: 'Desk', kind: 'service-point', subkind: 'segretariato', parent: 'comune-a' }], known),
    ).toEqual([]);
  });
});
