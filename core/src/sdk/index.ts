// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The public plugin API. Plugins import from `@sigess/core/sdk` and nothing
 * else of the core; everything here is covered by `SDK_VERSION`.
 */
export { SDK_VERSION } from './version';
export * from './extension-point';
export * from './context';
export * from './routes';
export * from './errors';
export * from './manifest';
export * from './plugin';
export * from './extension-points/ui';
export * from './extension-points/catalogue';
export * from './extension-points/code-lists';
export * from './extension-points/forms';
export * from './extension-points/eligibility';
export * from './extension-points/alerts';
export * from './extension-points/events';
export * from './extension-points/exports';
export * from './extension-points/ports';
export * from './extension-points/auth';
export * from './extension-points/service-auth';
export { Migration } from '@mikro-orm/migrations';
export { EntitySchema } from '@mikro-orm/core';
export { z } from 'zod';
export * from './extension-points/people';
export * from './extension-points/jobs';
export * from './input';
export { LOCAL_TIME_ZONE, localToday, localInputValue, formatDateTime, formatTime } from './local-time';
export { dateTimeFormat, monthName, numberFormat } from './formats';
export * from './extension-points/organizations';
export * from './http-client';
export * from './outbox';
export * from './services';
