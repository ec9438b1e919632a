// SPDX-License-Identifier: AGPL-3.0-or-later
import { defineKeyedPoint } from '../extension-point';

/** The kinds of the organization tree (core.organization's check); docs/administration.md says where each may sit. */
export const ORGANIZATION_KINDS = [
  'region',
  'ambito',
  'distretto',
  'zona-sociale',
  'comune',
  'municipio',
  'service-point',
  'partner',
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/** What a service point or a partner is, when it says: a PUA, a segretariato, an ASL, one of its health districts… */
export const ORGANIZATION_SUBKINDS = {
  'service-point': ['pua', 'segretariato', 'specialist', 'health-district'],
  partner: ['asl', 'provider'],
} as const satisfies Partial<Record<OrganizationKind, readonly string[]>>;
export type OrganizationSubkind = (typeof ORGANIZATION_SUBKINDS)[keyof typeof ORGANIZATION_SUBKINDS][number];

/** One organization of a structure. */
export interface StructureNode {
  /** The internal code (`roma-municipio-07`): unique in the installation; an organization with it already there is kept as it is. */
  readonly code: string;
  readonly name: string;
  readonly kind: OrganizationKind;
  readonly subkind?: OrganizationSubkind;
  /** The code of its parent, a node listed earlier in the same structure (or, in demo data, one already there); none: a root. */
  readonly parent?: string;
  /** For a comune: its cadastral (Belfiore) code. An organization already standing for that comune is kept, wherever it sits. */
  readonly belfiore?: string;
}

/**
 * A territory's organizations as data: a region with its distretti and comuni, a city with its municipi, the
 * health authorities and their districts. An administrator of the whole installation reviews and applies it
 * (page _Enti_ → _Strutture territoriali_, or the API): what is missing is created, what is there is kept, and
 * the plugins it names are turned on at its roots, so the territory uses them and no other organization does.
 */
export interface OrganizationStructure {
  /** `<plugin id>.<name>`. */
  readonly id: string;
  readonly titleKey: string;
  readonly descriptionKey?: string;
  /** Parents before children. */
  readonly nodes: readonly StructureNode[];
  /** Plugin ids turned on (an explicit choice) at the structure's roots when it is applied. */
  readonly activate?: readonly string[];
}
export const OrganizationStructures = defineKeyedPoint<OrganizationStructure>('sigess.organization-structures', (s) => s.id);

/** A demo account: password and purpose as core's own demo accounts (README, "Demo logins"). */
export interface DemoOperator {
  readonly username: string;
  readonly displayName: string;
  /** The organization (by code) and the role of each membership. */
  readonly memberships: readonly { readonly organization: string; readonly role: string }[];
}

/**
 * Whose a demo assessment is: a person by codice fiscale (core's demo people have fixed codes), or the person of the
 * assessing organization's first cartella of an area (its open or suspended one first), as core's demo opens one per
 * area (docs/cartella.md): `{ cartellaArea: 'anziani' }` is the demo's elderly woman living alone.
 */
export type DemoPersonSelector = { readonly codiceFiscale: string } | { readonly cartellaArea: string };

/**
 * A final assessment the demo holds, as the assessments module stores it: answers read by the forms engine (a final
 * one: every required field answered), with the totals and profiles it computes, owned by `organization` and linked
 * to the person's cartella there when one is open or suspended.
 */
export interface DemoAssessment {
  /** The organization (by code) that assessed, and owns the assessment. */
  readonly organization: string;
  readonly person: DemoPersonSelector;
  /** A form's id (`Forms`). */
  readonly form: string;
  /** Field id → answer, as the API takes them (codes as strings, a multi-choice as a list, dates `YYYY-MM-DD`). */
  readonly answers: Readonly<Record<string, unknown>>;
  /** The day the person was assessed, `YYYY-MM-DD` or days before the day the demo is loaded; default: that day. */
  readonly assessedOn?: string | { readonly daysAgo: number };
}

/**
 * What a plugin adds to the demo installation (`npm start` on a fresh embedded database, `sigess seed --demo`):
 * structures applied as an administrator would, a few more organizations (service points a demo walks
 * through), demo accounts, the themes its organizations wear and assessments of demo people. Data only:
 * seeding it twice adds nothing.
 */
export interface DemoDataSet {
  /** `<plugin id>.<name>`. */
  readonly id: string;
  /** Ids of `OrganizationStructures` contributions, applied in order. */
  readonly structures?: readonly string[];
  /** More organizations, parents first; a parent may be a node of the structures above. */
  readonly organizations?: readonly StructureNode[];
  readonly operators?: readonly DemoOperator[];
  /**
   * Services the demo's organizations offer: a catalogue entry (by code), its unit cost, yearly budget and places;
   * the entry's own requirements apply. What the demo's operators request interventions from.
   */
  readonly offers?: readonly {
    readonly organization: string;
    readonly entry: string;
    readonly unitCost?: number;
    readonly yearlyBudget?: number;
    readonly capacity?: number;
  }[];
  /** Themes the demo's organizations wear (an administrator's choice on the organization's page); their subtrees follow. */
  readonly themes?: readonly { readonly organization: string; readonly theme: string }[];
  /**
   * Final assessments of demo people, core's or the plugin's: its forms filled in, so that what reads them (an
   * eligibility rule, a flow) has something to show. One whose person or form is missing is skipped with a log line;
   * one already there (a final assessment of the same person, form and organization) is kept.
   */
  readonly assessments?: readonly DemoAssessment[];
}
export const DemoData = defineKeyedPoint<DemoDataSet>('sigess.demo-data', (d) => d.id);
