// SPDX-License-Identifier: AGPL-3.0-or-later
import type { InjectionToken } from 'tsyringe';
import type { Logger } from 'pino';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { SigessConfig } from './config/config';
import type { AuditService } from './modules/audit/audit';
import type { AdminServices } from './modules/admin/services';
import type { JobRunner } from './jobs/runner';

/** Tokens of the root container: what core services and plugin containers can inject. */
export const CoreTokens = {
  Config: Symbol('sigess.config') as InjectionToken<SigessConfig>,
  Logger: Symbol('sigess.logger') as InjectionToken<Logger>,
  Orm: Symbol('sigess.orm') as InjectionToken<MikroORM>,
  Audit: Symbol('sigess.audit') as InjectionToken<AuditService>,
  /** Registered once the platform runs: the services the administration changes. */
  Administration: Symbol('sigess.administration') as InjectionToken<AdminServices>,
  /** Registered once the platform runs: the background jobs, for listeners that ask for one (`request`). */
  Jobs: Symbol('sigess.jobs') as InjectionToken<JobRunner>,
} as const;
