// SPDX-License-Identifier: AGPL-3.0-or-later
import { formatDateTime, type RouteContext, type RouteRegistrar, type RouteResult } from '@sigess/core/sdk';
import { SIMULATED_AUDIENCE, SIMULATED_INPS_CLIENT } from '../pdnd';
import { BELFIORE, type WaasRuntime } from './authenticator';

/** Only whoever administers the whole installation: a voucher reads every comune's flussi. */
export const WAAS_ADMIN_PERMISSION = 'core.admin.installation';
/** Where the curl commands point unless the administrator changes it: the default `npm start` address. */
const LOCAL_ADDRESS = 'http://localhost:3000';

interface EnteRow {
  readonly belfiore: string;
  readonly name: string;
}

async function entes(ctx: RouteContext): Promise<EnteRow[]> {
  // Organizations are no personal data: every comune with a Belfiore code may publish its e-service.
  return ctx.em.execute<EnteRow[]>(
    `select belfiore_code as belfiore, name from core.organization where belfiore_code is not null order by name, belfiore_code`,
  );
}

async function page(
  ctx: RouteContext,
  runtime: WaasRuntime,
  extra: Record<string, unknown> = {},
  chosen?: string,
  status = 200,
): Promise<RouteResult> {
  const { settings } = runtime;
  const list = await entes(ctx);
  const base = (belfiore: string) => ctx.url('siuss.waas.status', { ente: belfiore }).replace(/\/status$/, '');
  return {
    view: 'siuss:waas/admin',
    status,
    model: {
      title: ctx.t('siuss:waas.admin.title'),
      enabled: settings.enabled,
      simulated: settings.pdnd.mode === 'simulated',
      pdnd:
        settings.pdnd.mode === 'jwks'
          ? {
              jwksUrl: settings.pdnd.jwksUrl,
              issuer: settings.pdnd.issuer,
              audience: [settings.pdnd.audience].flat().join(', '),
              clients: settings.pdnd.allowedClients.join(', '),
            }
          : null,
      entes: list.map((e) => ({ ...e, base: base(e.belfiore) })),
      options: list.map((e) => ({ code: e.belfiore, label: `${e.name} (${e.belfiore})`, selected: e.belfiore === chosen })),
      action: ctx.url('siuss.waas.admin.voucher'),
      ...extra,
    },
  };
}

/** The shell commands that try the e-service as INPS would, with the voucher just issued. */
function commands(base: string, voucher: string): string[] {
  const auth = '-H "Authorization: Bearer $VOUCHER"';
  return [
    `export SIGESS=${LOCAL_ADDRESS}`,
    `export VOUCHER='${voucher}'`,
    `curl -s ${auth} "$SIGESS${base}/status"`,
    `curl -s ${auth} "$SIGESS${base}/flussi?since=0&limit=10"`,
    `curl -s -X POST ${auth} -H 'Content-Type: application/json' -d '{"elenco_esiti":[]}' "$SIGESS${base}/esiti"`,
  ];
}

/**
 * The e-service's page for system administrators: the address of each ente's e-service (what is registered at
 * PDND), how vouchers are checked, and, with the simulated authority only, a voucher as INPS's to try it.
 */
export function registerWaasAdmin(r: RouteRegistrar, runtime: WaasRuntime): void {
  r.get('waas.admin', '/admin/waas', { permission: WAAS_ADMIN_PERMISSION }, (ctx) => page(ctx, runtime));

  r.post('waas.admin.voucher', '/admin/waas/voucher', { permission: WAAS_ADMIN_PERMISSION }, async (ctx) => {
    const { authority } = runtime;
    const chosen = String((ctx.body as { ente?: unknown } | undefined)?.ente ?? '');
    const known = BELFIORE.test(chosen) && (await entes(ctx)).some((e) => e.belfiore === chosen);
    if (!runtime.settings.enabled || !authority)
      return page(ctx, runtime, { errors: [{ field: 'ente', message: ctx.t('siuss:waas.admin.notSimulated') }] }, chosen, 409);
    if (!known) return page(ctx, runtime, { errors: [{ field: 'ente', message: ctx.t('siuss:waas.admin.unknownEnte') }] }, chosen, 422);
    const issuedAt = new Date();
    const ttlSeconds = 600;
    const voucher = await authority.issueVoucher({ clientId: SIMULATED_INPS_CLIENT, audience: SIMULATED_AUDIENCE, issuedAt, ttlSeconds });
    // The voucher itself is never logged: whoever holds it reads the flussi until it expires.
    await ctx.audit({ action: 'siuss.waas.voucher.issue', details: { clientId: SIMULATED_INPS_CLIENT, ente: chosen } });
    const base = ctx.url('siuss.waas.status', { ente: chosen }).replace(/\/status$/, '');
    return page(
      ctx,
      runtime,
      {
        issued: {
          voucher,
          clientId: SIMULATED_INPS_CLIENT,
          expiresAt: formatDateTime(ctx.locale, new Date(issuedAt.getTime() + ttlSeconds * 1000)),
          commands: commands(base, voucher).join('\n'),
        },
      },
      chosen,
    );
  });
}
