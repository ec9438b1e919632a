// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from 'zod';
import { SDK_VERSION } from '../sdk/version';
import type { RouteTable } from '../kernel/routes';
import type { RouteDefinition } from '../sdk/routes';

type JsonSchema = Record<string, unknown>;

/**
 * The OpenAPI 3.1 document of the JSON API, generated from the routes and
 * the same zod schemas that validate their input: it cannot drift from
 * what the API accepts. Named schemas (`.meta({ id })`) become shared components.
 */
export function openApiDocument(routes: RouteTable, isApi: (path: string) => boolean): object {
  const components: Record<string, JsonSchema> = {};
  const convert = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
    const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema & { $defs?: Record<string, JsonSchema> };
    const { $defs, ...rest } = json;
    delete rest.$schema;
    const relink = (value: JsonSchema): JsonSchema =>
      JSON.parse(JSON.stringify(value).replace(/"#\/\$defs\//g, '"#/components/schemas/')) as JsonSchema;
    for (const [id, def] of Object.entries($defs ?? {})) components[id] = relink(def);
    return relink(rest);
  };
  const problem = { $ref: '#/components/schemas/Problem' };
  components.Problem = {
    type: 'object',
    description: 'RFC 9457 problem details; `errors` lists the fields at fault, other members describe a conflict.',
    properties: {
      type: { type: 'string' },
      title: { type: 'string' },
      status: { type: 'integer' },
      detail: { type: 'string' },
      instance: { type: 'string' },
      errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
    },
    required: ['type', 'title', 'status'],
  };

  /** A JSON body, a multipart upload, or either. */
  const requestContent = (route: RouteDefinition): Record<string, unknown> => ({
    ...(route.body ? { 'application/json': { schema: convert(route.body, 'input') } } : {}),
    ...(route.upload
      ? {
          'multipart/form-data': {
            schema: {
              type: 'object',
              properties: {
                [route.upload.field]: {
                  type: (route.upload.maxFiles ?? 1) > 1 ? 'array' : 'string',
                  ...((route.upload.maxFiles ?? 1) > 1 ? { items: { type: 'string', format: 'binary' } } : { format: 'binary' }),
                  description: `At most ${route.upload.maxBytes} bytes; ${route.upload.contentTypes.join(', ')}`,
                },
              },
              required: [route.upload.field],
            },
          },
        }
      : {}),
  });
  const paths: Record<string, Record<string, unknown>> = {};
  const api = routes.routes.filter((r) => isApi(routes.pattern(r)));
  for (const route of api) {
    const path = routes.pattern(route).replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const parameters: unknown[] = [...path.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    if (route.query) {
      const q = convert(route.query, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
      for (const [name, schema] of Object.entries(q.properties ?? {})) {
        parameters.push({ name, in: 'query', required: q.required?.includes(name) ?? false, schema });
      }
    }
    const success = route.method === 'post' && route.body ? '201' : '200';
    paths[path] ??= {};
    paths[path][route.method] = {
      operationId: route.name,
      summary: route.summary ?? route.name,
      description: `Permission: \`${route.permission}\``,
      tags: [route.owner],
      ...(parameters.length ? { parameters } : {}),
      ...(route.body || route.upload ? { requestBody: { required: true, content: requestContent(route) } } : {}),
      responses: {
        [success]: {
          description: 'Success',
          content: { 'application/json': { schema: route.response ? convert(route.response, 'output') : {} } },
        },
        default: { description: 'A problem', content: { 'application/problem+json': { schema: problem } } },
      },
      security: [{ bearer: [] }, { session: [] }],
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'SIGeSS API',
      version: SDK_VERSION,
      description: 'The JSON API of SIGeSS. Every call acts in one organization and role: the API token’s membership, or the session’s.',
      license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A personal API token (`sgs_…`) from "Il tuo profilo".' },
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'sigess_session',
          description: 'A browser session; unsafe methods need `X-CSRF-Token`.',
        },
      },
    },
  } satisfies Record<string, unknown> & { paths: Record<string, unknown> };
}
