// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CatalogueEntry, Requirement } from '@sigess/core/sdk';

/**
 * Regione Lazio's measures (L.R. 10 agosto 2016, n. 11) and Roma Capitale's municipal services, as rows of
 * the service catalogue, each mapped to the INPS prestazione code it is reported under (where it is a
 * prestazione: access, orientation and assessment are not) and carrying the region's own code.
 *
 * The requirements are the measures' defaults, in core's rules; an organization's offer may replace them
 * with its own (its ceilings, its age limits), which is where a Municipio's deliberations belong.
 */
const RESIDENT: Requirement = { rule: 'core.residence' };

export const LAZIO_CATALOGUE: readonly CatalogueEntry[] = [
  {
    code: 'lazio.segretariato-sociale',
    label: { it: 'Segretariato sociale', en: 'Social secretariat (segretariato sociale)' },
    descriptionKey: 'lazio:catalogue.segretariato.description',
    regionalCode: 'LAZ-SEGR',
    area: 'multiutenza',
    macroArea: 'interventi-servizi',
    unit: 'accesses',
  },
  {
    code: 'lazio.pua',
    label: { it: 'Accesso al Punto Unico di Accesso (PUA-D / PUA-C)', en: 'Single access point (PUA) contact' },
    descriptionKey: 'lazio:catalogue.pua.description',
    regionalCode: 'LAZ-PUA',
    area: 'multiutenza',
    macroArea: 'interventi-servizi',
    unit: 'accesses',
  },
  {
    code: 'lazio.uvmd',
    label: { it: 'Valutazione multidimensionale (UVMD)', en: 'Multidimensional assessment (UVMD)' },
    descriptionKey: 'lazio:catalogue.uvmd.description',
    regionalCode: 'LAZ-UVMD',
    area: 'multiutenza',
    macroArea: 'interventi-servizi',
    unit: 'accesses',
  },
  {
    code: 'lazio.assistenza-domiciliare',
    label: { it: 'Assistenza domiciliare (art. 26)', en: 'Home care (art. 26)' },
    descriptionKey: 'lazio:catalogue.domiciliare.description',
    regionalCode: 'LAZ-SAD',
    inpsCode: 'A2.07',
    area: 'anziani',
    macroArea: 'interventi-servizi',
    unit: 'hours',
    requirements: [RESIDENT],
  },
  {
    code: 'lazio.mensa-sociale',
    label: { it: 'Mensa sociale (art. 27)', en: 'Social canteen (art. 27)' },
    descriptionKey: 'lazio:catalogue.mensa.description',
    regionalCode: 'LAZ-MENSA',
    inpsCode: 'A2.01',
    area: 'poverta',
    macroArea: 'interventi-servizi',
    unit: 'meals',
  },
  {
    code: 'lazio.centro-diurno',
    label: { it: 'Centro diurno (art. 28)', en: 'Day centre (art. 28)' },
    descriptionKey: 'lazio:catalogue.centroDiurno.description',
    regionalCode: 'LAZ-CD',
    inpsCode: 'A3.01',
    area: 'anziani',
    macroArea: 'strutture',
    unit: 'days',
    requirements: [RESIDENT, { rule: 'core.age-range', params: { min: 65 } }],
  },
  {
    code: 'lazio.pronto-intervento',
    label: { it: 'Emergenza e pronto intervento assistenziale (art. 30)', en: 'Social emergency service (art. 30)' },
    descriptionKey: 'lazio:catalogue.prontoIntervento.description',
    regionalCode: 'LAZ-PIS',
    area: 'poverta',
    macroArea: 'interventi-servizi',
    unit: 'accesses',
  },
  {
    code: 'lazio.strutture-residenziali',
    label: { it: 'Strutture residenziali e semiresidenziali (art. 31)', en: 'Residential and semi-residential structures (art. 31)' },
    descriptionKey: 'lazio:catalogue.residenziali.description',
    regionalCode: 'LAZ-RES',
    inpsCode: 'A3.02',
    area: 'multiutenza',
    macroArea: 'strutture',
    unit: 'days',
    requirements: [RESIDENT],
  },
  {
    code: 'lazio.assegno-cura-gravissima',
    label: { it: 'Assegno di cura per disabilità gravissima (art. 25)', en: 'Care allowance for the most severe disability (art. 25)' },
    descriptionKey: 'lazio:catalogue.assegnoCura.description',
    regionalCode: 'LAZ-AC-GRAV',
    inpsCode: 'A1.10',
    area: 'disabili',
    macroArea: 'trasferimenti-denaro',
    unit: 'euro',
    requirements: [
      // Planned and funded per distretto socio-sanitario: a resident of any of its comuni, whichever comune offers it.
      { rule: 'lazio.residence-in-distretto' },
      // DM 26/9/2016 art. 3: the indennità di accompagnamento and one of the conditions a)–i), from the UVMD's assessment.
      { rule: 'lazio.disabilita-gravissima' },
      // Core's rule: a ceiling is a yearly figure, a parameter; each distretto's avviso sets its own through its offer.
      { rule: 'core.isee-ceiling', params: { types: ['socio-sanitario'], max: 65_000 } },
    ],
  },
  {
    code: 'lazio.roma-saisa',
    label: { it: 'SAISA – assistenza domiciliare anziani (Roma Capitale)', en: 'SAISA – home care for older people (Roma Capitale)' },
    descriptionKey: 'lazio:catalogue.saisa.description',
    regionalCode: 'ROMA-SAISA',
    inpsCode: 'A2.07',
    area: 'anziani',
    macroArea: 'interventi-servizi',
    unit: 'hours',
    requirements: [RESIDENT, { rule: 'core.age-range', params: { min: 65 } }],
  },
  {
    code: 'lazio.roma-saish',
    label: {
      it: 'SAISH – assistenza domiciliare disabili (Roma Capitale)',
      en: 'SAISH – home care for people with disabilities (Roma Capitale)',
    },
    descriptionKey: 'lazio:catalogue.saish.description',
    regionalCode: 'ROMA-SAISH',
    inpsCode: 'A2.07',
    area: 'disabili',
    macroArea: 'interventi-servizi',
    unit: 'hours',
    requirements: [RESIDENT, { rule: 'core.disability', params: { law104Grave: true } }],
  },
  {
    code: 'lazio.roma-aec',
    label: {
      it: 'AEC – assistenza educativa e culturale a scuola (Roma Capitale)',
      en: 'AEC – educational assistance at school (Roma Capitale)',
    },
    descriptionKey: 'lazio:catalogue.aec.description',
    regionalCode: 'ROMA-AEC',
    inpsCode: 'A2.11',
    area: 'disabili',
    macroArea: 'interventi-servizi',
    unit: 'hours',
    requirements: [RESIDENT, { rule: 'core.age-range', params: { max: 21 } }, { rule: 'core.disability', params: { law104Grave: true } }],
  },
  {
    code: 'lazio.roma-sismif',
    label: {
      it: 'SISMIF – sostegno a minori e famiglie (Roma Capitale)',
      en: 'SISMIF – support for children and families (Roma Capitale)',
    },
    descriptionKey: 'lazio:catalogue.sismif.description',
    regionalCode: 'ROMA-SISMIF',
    inpsCode: 'A2.02',
    area: 'famiglia-minori',
    macroArea: 'interventi-servizi',
    unit: 'hours',
    requirements: [RESIDENT, { rule: 'core.household-with-minors' }],
  },
  {
    code: 'lazio.roma-contributo-economico',
    label: { it: 'Contributo economico (Roma Capitale)', en: 'Income support grant (Roma Capitale)' },
    descriptionKey: 'lazio:catalogue.contributo.description',
    regionalCode: 'ROMA-CONTR-ECO',
    inpsCode: 'A1.04',
    area: 'poverta',
    macroArea: 'trasferimenti-denaro',
    unit: 'euro',
    requirements: [RESIDENT, { rule: 'core.isee-ceiling', params: { types: ['ordinario'], max: 6_000 } }],
  },
];
