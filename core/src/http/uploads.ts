// SPDX-License-Identifier: AGPL-3.0-or-later
import multer from '@koa/multer';
import Router from '@koa/router';
import type { Middleware, ParameterizedContext } from 'koa';
import type { TFunction } from 'i18next';
import type { FieldError } from '../sdk/errors';
import type { UploadedFile, UploadOptions } from '../sdk/routes';
import type { RouteTable } from '../kernel/routes';
import { numberFormat } from '../sdk/formats';

/** Why an upload was refused, before the request's language is known: an i18n key and its values. */
interface UploadProblem {
  readonly field: string;
  readonly key: string;
  readonly values: Readonly<Record<string, string | number>>;
}

/** What the parser leaves in `ctx.state.upload` for the route: the files, or why there are none. */
export interface ParsedUpload {
  readonly files: readonly UploadedFile[];
  readonly problems: readonly UploadProblem[];
}

/** Fields other than files a form may carry alongside them (the CSRF token, a few options), and their size. */
const MAX_FIELDS = 20;
const MAX_FIELD_BYTES = 64 * 1024;

class WrongContentType extends Error {
  constructor(readonly field: string) {
    super('content type not accepted');
  }
}

function problemOf(error: unknown, options: UploadOptions): UploadProblem {
  const field = options.field;
  if (error instanceof WrongContentType)
    return { field, key: 'core:errors.upload.type', values: { types: options.contentTypes.join(', ') } };
  const code = (error as { code?: unknown }).code;
  switch (code) {
    case 'LIMIT_FILE_SIZE':
      return { field, key: 'core:errors.upload.tooLarge', values: { max: options.maxBytes } };
    case 'LIMIT_FILE_COUNT':
    case 'LIMIT_UNEXPECTED_FILE':
      // A file in another field, or more files than the field takes.
      return { field, key: 'core:errors.upload.tooMany', values: { count: options.maxFiles ?? 1 } };
    default:
      // Too many fields, a truncated or malformed body: nothing an operator can fix but by sending the form again.
      return { field, key: 'core:errors.upload.malformed', values: {} };
  }
}

/**
 * Parses the `multipart/form-data` body of the routes that declare `upload`, in memory and within their
 * limits, before the CSRF check: a form's token travels as one of its fields. (Put the token's field
 * before the file: fields parsed before a refused file still count.) A refused upload is not an error here:
 * the route is told why (`RouteContext.uploadErrors`), so that a page can show it on its form and the API
 * answer 422. Only the routes that declare `upload` are matched; any other multipart body stays unread.
 */
export function uploadParser(routes: RouteTable): Middleware {
  const matcher = new Router();
  const parsers = new Map<string, { options: UploadOptions; parse: Middleware }>();
  for (const route of routes.routes) {
    const options = route.upload;
    if (!options) continue;
    // Never mounted: it only tells which upload route a request is for, by the same patterns as the real router.
    matcher[route.method](route.name, routes.pattern(route), () => undefined);
    const types = new Set(options.contentTypes.map((t) => t.toLowerCase()));
    const parse = multer({
      storage: multer.memoryStorage(),
      limits: {
        fileSize: options.maxBytes,
        files: options.maxFiles ?? 1,
        fields: MAX_FIELDS,
        fieldSize: MAX_FIELD_BYTES,
        parts: MAX_FIELDS + (options.maxFiles ?? 1),
      },
      fileFilter: (_req, file, callback) => {
        const type = file.mimetype.split(';')[0]!.trim().toLowerCase();
        if (types.has(type)) callback(null, true);
        else callback(new WrongContentType(file.fieldname), false);
      },
    }).array(options.field, options.maxFiles ?? 1);
    parsers.set(route.name, { options, parse });
  }
  return async (ctx, next) => {
    if (!parsers.size || !ctx.is('multipart')) return next();
    const layer = matcher.match(ctx.path, ctx.method).pathAndMethod.find((l) => l.name && parsers.has(l.name));
    const parser = layer?.name ? parsers.get(layer.name) : undefined;
    if (!parser) return next();
    const problems: UploadProblem[] = [];
    try {
      await parser.parse(ctx, async () => undefined);
    } catch (error) {
      problems.push(problemOf(error, parser.options));
    }
    // On success @koa/multer moved the fields to the request's body; on failure they are still where multer put them.
    const req = ctx.req as typeof ctx.req & { body?: Record<string, unknown> };
    ctx.request.body = { ...((problems.length ? req.body : ctx.request.body) ?? {}) };
    delete req.body;
    const files = problems.length ? [] : Array.isArray(ctx.files) ? ctx.files : [];
    const upload: ParsedUpload = {
      files: files.map((f) => ({ field: f.fieldname, filename: f.originalname, contentType: f.mimetype, size: f.size, content: f.buffer })),
      problems,
    };
    ctx.state.upload = upload;
    await next();
  };
}

/** The upload the parser read for this request, if its route declares one and its body was multipart. */
export function parsedUpload(ctx: ParameterizedContext): ParsedUpload | undefined {
  return (ctx.state as { upload?: ParsedUpload }).upload;
}

/** The problems of an upload in the request's language, by field; sizes in megabytes as people read them. */
export function uploadErrors(upload: ParsedUpload | undefined, t: TFunction, locale: string): FieldError[] {
  const megabytes = numberFormat(locale, { maximumFractionDigits: 1 });
  return (upload?.problems ?? []).map((p) => ({
    field: p.field,
    message: t(p.key, { ...p.values, ...(typeof p.values.max === 'number' ? { max: megabytes.format(p.values.max / 1_048_576) } : {}) }),
  }));
}
