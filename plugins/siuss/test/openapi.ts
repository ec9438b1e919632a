// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Test helper: an OpenAPI 3.0 contract (`schemas/api-comuni.yaml`, INPS's own) turned into JSON Schema validators,
 * so that the tests check requests and responses against the contract itself, nothing copied from it.
 *
 *     const contract = loadContract(join(__dirname, '..', 'schemas', 'api-comuni.yaml'));
 *     expect(contract.response('/flussi', 'get', res.status, res.headers['content-type'], res.text)).toEqual([]);
 *
 * OpenAPI 3.0's schema dialect differs from JSON Schema in a few points, adapted here: `$ref`s to
 * `#/components/schemas/…`, `exclusiveMaximum`/`exclusiveMinimum` as booleans beside `maximum`/`minimum`,
 * `nullable`, the formats `int32`, `int64` and `byte`, and the annotations `example` and `xml`, dropped.
 */
import { readFileSync } from 'node:fs';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

type Json = Record<string, unknown>;

/** The id the contract's component schemas are registered under. */
const ID = 'contract';
/** Keywords whose value is a map of names to schemas (the names are no keywords). */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions']);
/** Keywords whose value is a schema, or a list of schemas. */
const SCHEMA_VALUES = new Set(['items', 'additionalProperties', 'not', 'allOf', 'anyOf', 'oneOf']);
/** OpenAPI annotations JSON Schema does not know. */
const DROPPED = new Set(['example', 'examples', 'xml', 'nullable', 'discriminator', 'externalDocs', 'deprecated']);

/** One OpenAPI schema object as a JSON Schema (draft-07, Ajv's default). */
export function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const source = schema as Json;
  const out: Json = {};
  for (const [key, value] of Object.entries(source)) {
    if (DROPPED.has(key) || key === 'exclusiveMaximum' || key === 'exclusiveMinimum') continue;
    if (key === '$ref' && typeof value === 'string') {
      if (!value.startsWith('#/components/schemas/')) throw new Error(`unsupported $ref ${value}`);
      out.$ref = `${ID}#/definitions/${value.slice('#/components/schemas/'.length)}`;
    } else if (SCHEMA_MAPS.has(key)) {
      out[key] = Object.fromEntries(Object.entries(value as Json).map(([name, s]) => [name, toJsonSchema(s)]));
    } else if (SCHEMA_VALUES.has(key)) {
      out[key] = toJsonSchema(value);
    } else {
      out[key] = value;
    }
  }
  // 3.0: `exclusiveMaximum: true` makes `maximum` exclusive; JSON Schema: `exclusiveMaximum: <bound>`.
  for (const [flag, bound] of [
    ['exclusiveMaximum', 'maximum'],
    ['exclusiveMinimum', 'minimum'],
  ] as const) {
    if (source[flag] === true && typeof source[bound] === 'number') {
      out[flag] = source[bound];
      delete out[bound];
    }
  }
  if (source.nullable === true && typeof source.type === 'string') out.type = [source.type, 'null'];
  return out;
}

function newAjv(definitions: Json, coerceTypes: boolean): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, coerceTypes });
  addFormats(ajv);
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) && Math.abs(n) <= 2 ** 63 });
  ajv.addFormat('byte', { type: 'string', validate: /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/ });
  ajv.addSchema({ $id: ID, definitions });
  return ajv;
}

const describeErrors = (errors: ErrorObject[] | null | undefined): string[] =>
  (errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? e.keyword}`);

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface Contract {
  /** The operation's parameters of one place (`query`, `path`, `header`) as sent, strings: what is wrong, or []. */
  parameters(path: string, method: Method, values: Readonly<Record<string, string | undefined>>, where?: string): string[];
  /** The request body against the operation's `requestBody` for its media type: what is wrong, or []. */
  requestBody(path: string, method: Method, body: unknown, contentType?: string): string[];
  /**
   * A response against the one the operation documents for its status; a status it does not list falls back to
   * its `default`, then to the contract's shared responses (`components.responses`: `401Unauthorized`, …,
   * `default`), which is how the contract describes the errors any operation may give.
   */
  response(path: string, method: Method, status: number, contentType: string | undefined, text: string): string[];
}

export function loadContract(file: string): Contract {
  const doc = parse(readFileSync(file, 'utf8')) as Json;
  const components = (doc.components ?? {}) as { schemas?: Json; responses?: Record<string, Json> };
  const definitions = Object.fromEntries(Object.entries(components.schemas ?? {}).map(([name, s]) => [name, toJsonSchema(s)]));
  const strict = newAjv(definitions, false);
  // Query and path parameters arrive as strings: coerced to the schema's type ("12" → 12; "1.5" stays no integer).
  const coercing = newAjv(definitions, true);
  const compiled = new Map<unknown, ValidateFunction>();
  const parameterValidators = new Map<string, ValidateFunction>();
  const validator = (ajv: Ajv, schema: unknown): ValidateFunction => {
    let v = compiled.get(schema);
    if (!v) {
      v = ajv.compile(toJsonSchema(schema) as object);
      compiled.set(schema, v);
    }
    return v;
  };
  const operation = (path: string, method: Method): Json => {
    const op = ((doc.paths as Record<string, Json>)[path] ?? {})[method] as Json | undefined;
    if (!op) throw new Error(`the contract has no ${method.toUpperCase()} ${path}`);
    return op;
  };
  const deref = (response: Json): Json => {
    const ref = response.$ref;
    if (typeof ref !== 'string') return response;
    const name = ref.replace('#/components/responses/', '');
    const target = components.responses?.[name];
    if (!target) throw new Error(`unresolved ${ref}`);
    return target;
  };
  const mediaType = (contentType: string | undefined): string => (contentType ?? '').split(';')[0]!.trim().toLowerCase();

  return {
    parameters(path, method, values, where = 'query') {
      const key = `${method} ${path} ${where}`;
      let v = parameterValidators.get(key);
      if (!v) {
        const declared = ((operation(path, method).parameters ?? []) as Json[]).filter((p) => p.in === where);
        const properties = Object.fromEntries(declared.map((p) => [p.name as string, p.schema]));
        const required = declared.filter((p) => p.required === true).map((p) => p.name as string);
        v = coercing.compile(toJsonSchema({ type: 'object', properties, required }) as object);
        parameterValidators.set(key, v);
      }
      // A copy: coercion rewrites the values in place.
      const present = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
      return v(present) ? [] : describeErrors(v.errors);
    },
    requestBody(path, method, body, contentType = 'application/json') {
      const requestBody = operation(path, method).requestBody as Json | undefined;
      if (!requestBody) throw new Error(`${method.toUpperCase()} ${path} takes no body`);
      const media = ((requestBody.content ?? {}) as Record<string, Json>)[mediaType(contentType)];
      if (!media) return [`media type ${mediaType(contentType)} is not accepted`];
      const v = validator(strict, media.schema);
      return v(body) ? [] : describeErrors(v.errors);
    },
    response(path, method, status, contentType, text) {
      const responses = operation(path, method).responses as Record<string, Json>;
      const shared = components.responses ?? {};
      const documented =
        responses[String(status)] ??
        responses.default ??
        Object.entries(shared).find(([name]) => name.startsWith(String(status)))?.[1] ??
        shared.default;
      if (!documented) return [`status ${status} is not documented`];
      const response = deref(documented);
      const content = response.content as Record<string, Json> | undefined;
      if (!content) return text === '' ? [] : [`status ${status} has no body in the contract, got ${text.length} characters`];
      const media = content[mediaType(contentType)];
      if (!media) return [`content type ${String(contentType)} is not one of ${Object.keys(content).join(', ')}`];
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return ['the body is no JSON'];
      }
      const v = validator(strict, media.schema);
      return v(body) ? [] : describeErrors(v.errors);
    },
  };
}
