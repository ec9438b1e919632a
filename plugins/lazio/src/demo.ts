// SPDX-License-Identifier: AGPL-3.0-or-later
import type { DemoDataSet } from '@sigess/core/sdk';
import { ROMA_MUNICIPI, municipioCode, municipioHealthDistrict } from './territory/roma';

const municipio = ROMA_MUNICIPI.find((m) => m.number === 7)!;
const MUNICIPIO = municipioCode(municipio);
const HEALTH_DISTRICT = municipioHealthDistrict(municipio);
export const DEMO_PUA = 'roma-municipio-07-pua';
export const DEMO_SEGRETARIATO = 'roma-municipio-07-segretariato';

/**
 * The demo's Roma: Roma Capitale's structure, and in Municipio VII (ASL Roma 2, Distretto 7) a PUA and a
 * segretariato sociale with the people who walk a case from the front office to the UVMD with the ASL.
 */
export const LAZIO_DEMO: DemoDataSet = {
  id: 'lazio.demo',
  structures: ['lazio.roma-capitale'],
  organizations: [
    { code: DEMO_PUA, name: 'PUA – Municipio Roma VII', kind: 'service-point', subkind: 'pua', parent: MUNICIPIO },
    {
      code: DEMO_SEGRETARIATO,
      name: 'Segretariato sociale – Municipio Roma VII',
      kind: 'service-point',
      subkind: 'segretariato',
      parent: MUNICIPIO,
    },
  ],
  operators: [
    { username: 'pua.roma', displayName: 'Giulia Accoglienza', memberships: [{ organization: DEMO_PUA, role: 'access-point-operator' }] },
    {
      username: 'segretariato.roma',
      displayName: 'Stefano Segretariato',
      memberships: [{ organization: DEMO_SEGRETARIATO, role: 'access-point-operator' }],
    },
    { username: 'assistente.roma', displayName: 'Marta Assistente', memberships: [{ organization: MUNICIPIO, role: 'social-worker' }] },
    {
      username: 'responsabile.roma',
      displayName: 'Roberto Responsabile',
      memberships: [{ organization: MUNICIPIO, role: 'service-manager' }],
    },
    { username: 'asl.roma', displayName: 'Laura Sanitaria', memberships: [{ organization: HEALTH_DISTRICT, role: 'health-operator' }] },
  ],
  // What Municipio VII offers, so its social workers can request them (the entries' own requirements apply).
  offers: [
    { organization: MUNICIPIO, entry: 'lazio.roma-saisa', unitCost: 21.5, yearlyBudget: 250_000, capacity: 60 },
    { organization: MUNICIPIO, entry: 'lazio.assegno-cura-gravissima', yearlyBudget: 300_000 },
    { organization: MUNICIPIO, entry: 'lazio.roma-contributo-economico', yearlyBudget: 80_000 },
    { organization: MUNICIPIO, entry: 'lazio.centro-diurno', unitCost: 38, yearlyBudget: 120_000, capacity: 25 },
  ],
  // The region's look for its organizations and the city's ASLs (themes/lazio, when installed).
  themes: ['regione-lazio', 'asl-roma-1', 'asl-roma-2', 'asl-roma-3'].map((organization) => ({ organization, theme: 'lazio' })),
};
