// SPDX-License-Identifier: AGPL-3.0-or-later
import pino from 'pino';
import * as sdk from '../src/sdk';
import { prepare } from '../src/platform';
import { fixtureConfig, tempWorkspace, writePlugin } from './fixtures';

/**
 * Every extension point, consumed yet or not, resolves a contribution for an
 * organization where its plugin is active and hides it elsewhere.
 */
describe('every extension point is wired and filtered per organization', () => {
  const root = tempWorkspace('every-point');
  writePlugin(root, {
    id: 'full',
    permissions: [{ id: 'full.use' }],
    locales: { it: { t: 'Titolo', name: 'Servizio' }, en: { t: 'Title', name: 'Service' } },
    views: { box: '<p>box</p>' },
    code: `register(p) {
      p.routes((r) => r.get('index', '/', { permission: 'full.use' }, () => ({ json: { ok: true } })));
      p.contribute(sdk.MenuItems, { id: 'full.menu', menu: 'main', labelKey: 'full:t', route: 'full.index' });
      p.contribute(sdk.PageSlots, { id: 'full.box', zone: 'home.side', template: 'full:box' });
      p.contribute(sdk.CatalogueEntries, { code: 'full.service', nameKey: 'full:name', area: 'anziani', unit: 'hours' });
      p.contribute(sdk.Forms, { id: 'full.form', version: 1, titleKey: 'full:t', subject: 'person', sections: [], permissions: { view: 'full.use', submit: 'full.use' } });
      p.contribute(sdk.EligibilityRules, { id: 'full.rule', titleKey: 'full:t', params: sdk.z.object({}), fields: [], describe: () => ({ key: 'full:t' }), evaluate: () => ({ outcome: 'pass', reason: { key: 'full:t' } }) });
      p.contribute(sdk.AlertRules, { id: 'full.alert', subject: 'person', evaluate: async () => [] });
      p.contribute(sdk.EventListeners, { id: 'full.listener', event: 'plugin.activation-changed', handle: async () => undefined });
      p.contribute(sdk.ExportFlows, { id: 'full.flow', titleKey: 'full:t', format: 'csv', permission: 'full.use', run: async function* () {} });
      p.contribute(sdk.CodeLists, { id: 'full.moods', version: 1, entries: [{ code: 'ok', label: { it: 'bene', en: 'fine' } }] });
      p.implement(sdk.IseePort, { id: 'full.isee', attestation: async () => null });
      p.implement(sdk.PersonRegistryPort, { id: 'full.registry', lookup: async () => null });
      p.implement(sdk.HealthSystemPort, { id: 'full.health', send: async () => ({ reference: 'r' }) });
      p.implement(sdk.ProtocolPort, { id: 'full.protocol', register: async () => ({ number: '1', date: '2026-01-01' }) });
      p.implement(sdk.VirusScanPort, { id: 'full.scan', scan: async () => ({ status: 'clean' }) });
    }`,
  });
  const { kernel } = prepare(fixtureConfig(root, { plugins: ['full'] }), { log: pino({ level: 'silent' }) });
  const on = kernel.registry.forOrg(new Set(['full']));
  const off = kernel.registry.forOrg(new Set());

  it.each([
    ['menu items', sdk.MenuItems, 'full.menu'],
    ['page slots', sdk.PageSlots, 'full.box'],
    ['alert rules', sdk.AlertRules, 'full.alert'],
    ['event listeners', sdk.EventListeners, 'full.listener'],
  ] as const)('many: %s', (_, point, id) => {
    expect(on.all(point as unknown as sdk.ManyPoint<{ id: string }>).map((c) => c.id)).toContain(id);
    expect(off.all(point as unknown as sdk.ManyPoint<{ id: string }>).map((c) => c.id)).not.toContain(id);
  });

  it.each([
    ['catalogue entries', sdk.CatalogueEntries, 'full.service'],
    ['eligibility rules', sdk.EligibilityRules, 'full.rule'],
    ['forms', sdk.Forms, 'full.form'],
    ['export flows', sdk.ExportFlows, 'full.flow'],
    ['code lists', sdk.CodeLists, 'full.moods'],
  ] as const)('keyed: %s', (_, point, key) => {
    expect(on.get(point as sdk.KeyedPoint<unknown>, key)).toBeDefined();
    expect(off.get(point as sdk.KeyedPoint<unknown>, key)).toBeUndefined();
  });

  it('port: ISEE, whose core implementation stands in where no plugin offers one', () => {
    expect(on.port(sdk.IseePort).id).toBe('full.isee');
    expect(off.port(sdk.IseePort).id).toBe('core.isee-not-configured');
  });

  it('port: virus scan, whose core implementation scans nothing and says so', () => {
    expect(on.port(sdk.VirusScanPort).id).toBe('full.scan');
    expect(off.port(sdk.VirusScanPort).id).toBe('core.virus-scan-not-configured');
  });

  it.each([
    ['person registry', sdk.PersonRegistryPort, 'full.registry'],
    ['health system', sdk.HealthSystemPort, 'full.health'],
    ['protocol', sdk.ProtocolPort, 'full.protocol'],
  ] as const)('port: %s', (_, port, id) => {
    expect(on.port(port as unknown as sdk.Port<{ id: string }>).id).toBe(id);
    expect(() => off.port(port as unknown as sdk.Port<{ id: string }>)).toThrow(/no active plugin implements it/);
  });

  it('core contributions are always visible', () => {
    expect(off.get(sdk.CodeLists, 'core.areas')).toBeDefined();
    expect(off.all(sdk.MenuItems).map((m) => m.id)).toEqual([
      'core.home',
      'core.alerts',
      'core.catalogue',
      'core.people',
      'core.access',
      'core.cartelle',
      'core.cartelle.shared',
      'core.interventions',
      'core.people.duplicates',
      'core.people.merges',
      'core.exports',
      'core.admin.organizations',
      'core.admin.operators',
      'core.admin.roles',
      'core.admin.outbox',
      'core.audit',
      'core.audit.verify',
    ]);
  });

  it('orders many-contributions by position, then dependency order, then id', () => {
    expect(on.all(sdk.MenuItems).map((m) => m.id)).toEqual([
      'core.home',
      'core.alerts',
      'core.catalogue',
      'core.people',
      'full.menu',
      'core.access',
      'core.cartelle',
      'core.cartelle.shared',
      'core.interventions',
      'core.people.duplicates',
      'core.people.merges',
      'core.exports',
      'core.admin.organizations',
      'core.admin.operators',
      'core.admin.roles',
      'core.admin.outbox',
      'core.audit',
      'core.audit.verify',
    ]);
  });
});
