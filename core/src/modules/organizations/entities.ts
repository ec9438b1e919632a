// SPDX-License-Identifier: AGPL-3.0-or-later
import { EntitySchema } from '@mikro-orm/core';
import type { OrganizationKind } from '../../sdk/extension-points/organizations';

export class Organization {
  id!: string;
  code!: string;
  name!: string;
  kind!: OrganizationKind;
  parentId!: string | null;
  createdAt!: Date;
}

export const OrganizationSchema = new EntitySchema<Organization>({
  class: Organization,
  tableName: 'organization',
  schema: 'core',
  properties: {
    id: { type: 'uuid', primary: true, defaultRaw: 'gen_random_uuid()' },
    code: { type: 'text', unique: true },
    name: { type: 'text' },
    kind: { type: 'text' },
    parentId: { type: 'uuid', nullable: true, fieldName: 'parent_id' },
    createdAt: { type: 'Date', columnType: 'timestamptz', defaultRaw: 'now()', fieldName: 'created_at' },
  },
});

/** An explicit activation choice of a plugin for an organization (and, by inheritance, its subtree). */
export class OrganizationPlugin {
  organizationId!: string;
  pluginId!: string;
  active!: boolean;
  changedAt!: Date;
}

export const OrganizationPluginSchema = new EntitySchema<OrganizationPlugin>({
  class: OrganizationPlugin,
  tableName: 'organization_plugin',
  schema: 'core',
  properties: {
    organizationId: { type: 'uuid', primary: true, fieldName: 'organization_id' },
    pluginId: { type: 'text', primary: true, fieldName: 'plugin_id' },
    active: { type: 'boolean' },
    changedAt: { type: 'Date', columnType: 'timestamptz', defaultRaw: 'now()', fieldName: 'changed_at' },
  },
});

export const organizationEntities = [OrganizationSchema, OrganizationPluginSchema];
