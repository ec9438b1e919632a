// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RequestCtx } from './context';

/**
 * Core services a plugin may call, resolved from its container (`p.container.resolve(CoreServices.cartellaSharing)`),
 * so that a plugin acts on core's records through core's own rules (fences, checks, audit) and never through its tables.
 */
export const CoreServices = {
  cartellaSharing: 'sigess.service.cartella-sharing',
  jobs: 'sigess.service.jobs',
} as const;

/**
 * Asking for a run of one of the plugin's own `ScheduledJobs` now (at once where no queue runs, as in tests):
 * for every organization where the plugin is active, or, with `organizationId`, for the organizations whose
 * scope holds that one's records. What an after-commit `EventListener` uses to act on the database.
 */
export interface JobRequests {
  request(
    jobId: string,
    request?: { readonly organizationId?: string; readonly data?: Readonly<Record<string, string | number | boolean | null>> },
  ): Promise<void>;
}

/** The parts of a cartella a share may open besides its summary, which is always included. */
export type CartellaSharePart = 'diary' | 'assessments' | 'plan' | 'interventions' | 'documents';

export interface CartellaShareRequest {
  /** The organization the cartella is shared with, by code: outside the owner's scope (an ASL, a district). */
  readonly granteeCode: string;
  readonly parts: readonly CartellaSharePart[];
  /** Why: shown to both sides and written to the audit log. */
  readonly purpose: string;
  /** The last day in force: in the future, at most a year away. */
  readonly expiresOn: string;
  /** A code of core.legal-bases; without it, the person's consent to sharing must be on record. */
  readonly legalBasis?: string;
}

export interface CartellaShareState {
  readonly id: string;
  readonly granteeCode: string;
  readonly granteeName: string;
  readonly parts: readonly string[];
  readonly purpose: string;
  readonly expiresOn: string;
  readonly status: 'active' | 'expired' | 'revoked';
}

/**
 * Sharing a cartella with a partner organization, exactly as the cartella's sharing page does: the same checks
 * (a 422 with field errors: `granteeCode`, `expiresOn`, `legalBasis`), the same audit entries
 * (`cartella.share.grant`, `.revoke`), in the request's transaction. The cartella must be the request's own (404).
 */
export interface CartellaSharing {
  grant(ctx: RequestCtx, cartellaId: string, request: CartellaShareRequest): Promise<CartellaShareState>;
  /** Ends a share now (404 unknown, 403 from the receiving side, 409 already ended). */
  revoke(ctx: RequestCtx, cartellaId: string, shareId: string): Promise<CartellaShareState>;
  /** A share of the cartella as either side sees it, or null. */
  find(ctx: RequestCtx, cartellaId: string, shareId: string): Promise<CartellaShareState | null>;
}
