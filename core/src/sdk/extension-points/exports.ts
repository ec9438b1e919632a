// SPDX-License-Identifier: AGPL-3.0-or-later
import { defineKeyedPoint } from '../extension-point';
import type { Logger } from 'pino';

export interface ExportJob {
  readonly organizationId: string;
  readonly log: Logger;
  /** Saves a resume point; a restarted job gets it back in `resumeFrom`. */
  checkpoint(position: string): Promise<void>;
  readonly resumeFrom: string | null;
  progress(done: number, total: number): Promise<void>;
}

/** A national or regional data flow, streamed and resumable. */
export interface ExportFlow {
  readonly id: string;
  readonly titleKey: string;
  readonly format: 'xml' | 'csv' | 'json';
  readonly permission: string;
  run(params: Readonly<Record<string, string>>, job: ExportJob): AsyncIterable<string | Uint8Array>;
}
export const ExportFlows = defineKeyedPoint<ExportFlow>('sigess.export-flows', (f) => f.id);
