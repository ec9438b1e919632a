// SPDX-License-Identifier: AGPL-3.0-or-later
import type { OrganizationStructure, StructureNode } from '@sigess/core/sdk';
import { LAZIO_ASL, LAZIO_DISTRETTI } from './distretti';
import { ROMA_ASL, ROMA_MUNICIPI, municipioCode } from './roma';
import type { AslData } from './types';

/** The region's own organization: the root under which its comuni, distretti and Roma Capitale sit. */
export const REGION_CODE = 'regione-lazio';
export const ROMA_CAPITALE_CODE = 'roma-capitale';

const region: StructureNode = { code: REGION_CODE, name: 'Regione Lazio', kind: 'region' };

/** An ASL is a partner at the top of its own tree, its distretti sanitari its service points. */
export function aslNodes(asls: readonly AslData[]): StructureNode[] {
  return asls.flatMap((asl) => [
    { code: asl.code, name: asl.name, kind: 'partner', subkind: 'asl' } as const,
    ...asl.districts.map(
      (d) => ({ code: d.code, name: d.name, kind: 'service-point', subkind: 'health-district', parent: asl.code }) as const,
    ),
  ]);
}

/**
 * Roma Capitale: the comune, its Dipartimento Politiche Sociali (city-wide services and rules), its fifteen
 * Municipi (each a distretto socio-sanitario), and the three ASLs with the distretti sanitari matching them.
 */
export const ROMA_CAPITALE: OrganizationStructure = {
  id: 'lazio.roma-capitale',
  titleKey: 'lazio:territory.romaCapitale.title',
  descriptionKey: 'lazio:territory.romaCapitale.description',
  activate: ['lazio'],
  nodes: [
    region,
    { code: ROMA_CAPITALE_CODE, name: 'Roma Capitale', kind: 'comune', belfiore: 'H501', parent: REGION_CODE },
    {
      code: 'roma-dipartimento-politiche-sociali',
      name: 'Roma Capitale – Dipartimento Politiche Sociali',
      kind: 'service-point',
      parent: ROMA_CAPITALE_CODE,
    },
    ...ROMA_MUNICIPI.map((m) => ({
      code: municipioCode(m),
      name: `Municipio Roma ${m.roman} – ${m.area}`,
      kind: 'municipio' as const,
      parent: ROMA_CAPITALE_CODE,
    })),
    ...aslNodes(ROMA_ASL),
  ],
};

/** A comune's internal code, from its cadastral code: stable and unique (`comune-g811`). */
export const comuneCode = (belfiore: string): string => `comune-${belfiore.toLowerCase()}`;

/**
 * The rest of the region: its distretti socio-sanitari (L.R. 11/2016 art. 43) with every comune under its
 * distretto, the capofila named beside the distretto, and the ASLs with their distretti sanitari. The data, their
 * sources and the points still to confirm are in `distretti.ts` and docs/plugins/lazio.md.
 */
export const LAZIO_DISTRETTI_STRUCTURE: OrganizationStructure = {
  id: 'lazio.distretti',
  titleKey: 'lazio:territory.distretti.title',
  descriptionKey: 'lazio:territory.distretti.description',
  activate: ['lazio'],
  nodes: [
    region,
    ...LAZIO_DISTRETTI.flatMap((d) => {
      const capofila = d.comuni.find((c) => c.belfiore === d.capofila)?.name ?? d.capofila;
      return [
        { code: d.code, name: `${d.name} (capofila ${capofila})`, kind: 'distretto' as const, parent: REGION_CODE },
        ...d.comuni.map((c) => ({
          code: comuneCode(c.belfiore),
          name: `Comune di ${c.name}`,
          kind: 'comune' as const,
          belfiore: c.belfiore,
          parent: d.code,
        })),
      ];
    }),
    ...aslNodes(LAZIO_ASL),
  ],
};
