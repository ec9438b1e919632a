// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PluginRegistrar } from '../../sdk/plugin';
import { CodeLists } from '../../sdk/extension-points/code-lists';
import { VirusScanPort } from '../../sdk/extension-points/ports';
import { PageSlots } from '../../sdk/extension-points/ui';
import { CoreTokens } from '../../tokens';
import type { DocumentsSetup } from './actions';
import { registerDocumentApi } from './api';
import { DOCUMENT_CATEGORIES } from './codes';
import { documentsSlot, registerDocumentPages } from './pages';
import { storageFor } from './storage';
import { VIRUS_SCAN_NOT_CONFIGURED } from './virus-scan';

export { documentPermissions } from './permissions';

const DEFAULTS = { storage: 'database', maxBytes: 10 * 1024 * 1024 } as const;

/**
 * The documents of a cartella: upload with the type told from the content, a size limit and a virus scan
 * (a port; core's own scans nothing and says so), stored in the database or a configured folder, listed
 * on the cartella's page and downloaded under audit; pages and API.
 */
export function registerDocuments(p: PluginRegistrar): void {
  // The limits and the storage are fixed at start-up: the upload routes declare their size limit.
  const config = p.container.isRegistered(CoreTokens.Config, true) ? p.container.resolve(CoreTokens.Config).documents : DEFAULTS;
  const setup: DocumentsSetup = { storage: storageFor(config), maxBytes: config.maxBytes };
  p.contribute(CodeLists, DOCUMENT_CATEGORIES);
  p.implement(VirusScanPort, VIRUS_SCAN_NOT_CONFIGURED);
  p.contribute(PageSlots, {
    id: 'core.documents.cartella',
    zone: 'cartella.side.after',
    template: 'core:documents/cartella-slot',
    position: 50,
    permission: 'core.documents.view',
    load: (ctx, subject) => (subject?.kind === 'cartella' ? documentsSlot(ctx, subject.id) : null),
  });
  p.routes((r) => {
    registerDocumentPages(r, setup);
    registerDocumentApi(r, setup);
  });
}
