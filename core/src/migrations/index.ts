// SPDX-License-Identifier: AGPL-3.0-or-later
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261123000000_foundation } from './Migration20261123000000_foundation';
import { Migration20261123010000_operators } from './Migration20261123010000_operators';
import { Migration20261123020000_audit } from './Migration20261123020000_audit';
import { Migration20261123030000_territory } from './Migration20261123030000_territory';
import { Migration20261123040000_organization_tree } from './Migration20261123040000_organization_tree';
import { Migration20261123050000_people } from './Migration20261123050000_people';
import { Migration20261123060000_audit_scope } from './Migration20261123060000_audit_scope';
import { Migration20261123070000_person_import } from './Migration20261123070000_person_import';
import { Migration20261123080000_administration } from './Migration20261123080000_administration';
import { Migration20261123100000_cartella } from './Migration20261123100000_cartella';
import { Migration20261123110000_assessments } from './Migration20261123110000_assessments';
import { Migration20261123120000_catalogue } from './Migration20261123120000_catalogue';
import { Migration20261123130000_alerts } from './Migration20261123130000_alerts';
import { Migration20261123140000_interventions } from './Migration20261123140000_interventions';
import { Migration20261123150000_plans } from './Migration20261123150000_plans';
import { Migration20261123160000_cartella_sharing } from './Migration20261123160000_cartella_sharing';
import { Migration20261123170000_documents } from './Migration20261123170000_documents';
import { Migration20261123180000_consents } from './Migration20261123180000_consents';
import { Migration20261123190000_critical_events } from './Migration20261123190000_critical_events';
import { Migration20261123230100_person_search_hits } from './Migration20261123230100_person_search_hits';
import { Migration20261124000000_person_shares_local_day } from './Migration20261124000000_person_shares_local_day';
import { Migration20261124010000_lookup_indexes } from './Migration20261124010000_lookup_indexes';
import { Migration20261124100000_health_district } from './Migration20261124100000_health_district';
import { Migration20261124110000_assessment_classifications } from './Migration20261124110000_assessment_classifications';
import { Migration20261124200000_organization_theme } from './Migration20261124200000_organization_theme';
import { Migration20261124300000_outbox } from './Migration20261124300000_outbox';

/** Core's migrations, in order. A new one is appended here, never inserted. */
export const coreMigrations: MigrationObject[] = [
  { name: 'Migration20261123000000_foundation', class: Migration20261123000000_foundation },
  { name: 'Migration20261123010000_operators', class: Migration20261123010000_operators },
  { name: 'Migration20261123020000_audit', class: Migration20261123020000_audit },
  { name: 'Migration20261123030000_territory', class: Migration20261123030000_territory },
  { name: 'Migration20261123040000_organization_tree', class: Migration20261123040000_organization_tree },
  { name: 'Migration20261123050000_people', class: Migration20261123050000_people },
  { name: 'Migration20261123060000_audit_scope', class: Migration20261123060000_audit_scope },
  { name: 'Migration20261123070000_person_import', class: Migration20261123070000_person_import },
  { name: 'Migration20261123080000_administration', class: Migration20261123080000_administration },
  { name: 'Migration20261123100000_cartella', class: Migration20261123100000_cartella },
  { name: 'Migration20261123110000_assessments', class: Migration20261123110000_assessments },
  { name: 'Migration20261123120000_catalogue', class: Migration20261123120000_catalogue },
  { name: 'Migration20261123130000_alerts', class: Migration20261123130000_alerts },
  { name: 'Migration20261123140000_interventions', class: Migration20261123140000_interventions },
  { name: 'Migration20261123150000_plans', class: Migration20261123150000_plans },
  { name: 'Migration20261123160000_cartella_sharing', class: Migration20261123160000_cartella_sharing },
  { name: 'Migration20261123170000_documents', class: Migration20261123170000_documents },
  { name: 'Migration20261123180000_consents', class: Migration20261123180000_consents },
  { name: 'Migration20261123190000_critical_events', class: Migration20261123190000_critical_events },
  { name: 'Migration20261123230100_person_search_hits', class: Migration20261123230100_person_search_hits },
  { name: 'Migration20261124000000_person_shares_local_day', class: Migration20261124000000_person_shares_local_day },
  { name: 'Migration20261124010000_lookup_indexes', class: Migration20261124010000_lookup_indexes },
  { name: 'Migration20261124100000_health_district', class: Migration20261124100000_health_district },
  { name: 'Migration20261124110000_assessment_classifications', class: Migration20261124110000_assessment_classifications },
  { name: 'Migration20261124200000_organization_theme', class: Migration20261124200000_organization_theme },
  { name: 'Migration20261124300000_outbox', class: Migration20261124300000_outbox },
];
