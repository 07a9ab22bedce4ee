/**
 * The privacy console over HTTP: the page at `/console`, its two files, and its JSON API under
 * `/console/api/`, declared like every route (describeRoute, so they are in the OpenAPI document).
 * What the console does lives in console/console.ts; this module reads requests (cookie, CSRF
 * header, bodies) and writes answers.
 *
 * - Every API route but the sign-in needs the session cookie (`assent_console`: HttpOnly,
 *   SameSite=Strict, Path=/console, Secure when the request came over HTTPS), else 401.
 * - Every state-changing route (POST, DELETE) needs the session's CSRF token in `X-CSRF-Token`,
 *   else 403; a request a browser marks as cross-site (`Sec-Fetch-Site`) gets 403.
 * - The sign-in takes `application/json` only, which a cross-site form cannot send and a
 *   cross-site script cannot send without a CORS preflight (the console answers none).
 * - The page and its files carry a strict Content Security Policy: scripts and styles from this
 *   origin only, nothing inline, no eval.
 */
import {
  AccountLinksResponseSchema, AuditLogResponseSchema, ChainVerificationSchema, ConsoleEraseRequestSchema, ConsoleLoginRequestSchema,
  ConsoleSessionSchema, EraseResponseSchema, InsightsResponseSchema, SubjectExportSchema, toShapeErrors,
} from '@assent/sdk/schema';
import type { Hono, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';
import { describeRoute, type DescribeRouteOptions } from 'hono-openapi';
import * as v from 'valibot';
import { consoleAssets, type ConsoleAssets } from '../console/assets.js';
import { openConsole, type Outcome, type Principal } from '../console/console.js';
import { csrfMatches } from '../console/session-token.js';
import type { Service } from '../service.js';
import type { AppContext, AppEnv } from './env.js';
import { limitBody, readJson } from './json-body.js';
import { CONSOLE_SESSION, CSRF_TOKEN, errorResponse, jsonOnlyBody, jsonResponse, STORAGE_ERRORS } from './openapi.js';
import { SubjectParams, validParams } from './params.js';
import { invalid, problem } from './problems.js';

export const COOKIE = 'assent_console';
const MAX_BODY = 4096;

// Relative URLs, so the console also works when server-sync is mounted under a path prefix.
const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Assent privacy console</title>
<link rel="stylesheet" href="console/assets/console.css">
</head>
<body>
<div id="app"></div>
<noscript>The privacy console needs JavaScript.</noscript>
<script type="module" src="console/assets/console.js"></script>
</body>
</html>
`;

const described = <S extends v.GenericSchema>(schema: S, description: string) => v.pipe(schema, v.description(description));

const InsightsQuery = v.object({
  from: v.optional(described(v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')), 'First UTC day (default: 29 days before `to`).')),
  to: v.optional(described(v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')), 'Last UTC day (default: today).')),
  region: v.optional(described(v.string(), 'A region code (`CA-QC`), a country with its subdivisions (`US`), `unknown`, or empty for all.')),
});
const AuditQuery = v.object({
  before: v.optional(described(v.pipe(v.string(), v.regex(/^[1-9]\d{0,15}$/, 'expected a positive integer cursor')), 'The `next` of the previous page.')),
});
const AccountParams = v.object({
  accountId: described(v.pipe(v.string(), v.minLength(1, 'required'), v.maxLength(128, 'at most 128 characters')), 'The Portal account id (hashed into its join key; never stored).'),
});

const SESSION_ERRORS = {
  401: errorResponse('No session: sign in first (or it ended: 8 hours after sign-in, 30 minutes without a request).'),
  403: errorResponse('A request a browser marks as cross-site; or a role that may not do this (`needs the privacy-officer role`).'),
};
const CSRF_ERRORS = {
  403: errorResponse('Without the session\'s `X-CSRF-Token`, from another site, or for a role that may not do this.'),
};

/** describeRoute for a console API route behind the session (and the CSRF token when it changes state). */
const consoleRoute = (spec: DescribeRouteOptions, changes = false) =>
  describeRoute({
    tags: ['console'],
    ...spec,
    security: [changes ? { [CONSOLE_SESSION]: [], [CSRF_TOKEN]: [] } : { [CONSOLE_SESSION]: [] }],
    responses: { ...spec.responses, ...SESSION_ERRORS, ...(changes ? CSRF_ERRORS : {}), ...STORAGE_ERRORS },
  });

/** Whether the request reached us over HTTPS (directly, or as the proxy in front says). */
function overHttps(c: AppContext): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  return c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase() === 'https';
}

/** `clientKey`: the keyed hash of the caller's address (failed sign-ins are counted per client). */
export function consoleRoutes(app: Hono<AppEnv>, service: Service, clientKey: (c: AppContext) => string, assets: ConsoleAssets = consoleAssets()): void {
  const desk = openConsole(service, service.config.console);
  const principals = new WeakMap<AppContext, Principal>();
  const principal = (c: AppContext): Principal => principals.get(c) as Principal;

  const answer = <T>(c: AppContext, outcome: Outcome<T>, headers?: Record<string, string>): Response =>
    outcome.ok
      ? c.json(outcome.value as object, 200, headers)
      : problem(c, outcome.status, outcome.error, outcome.retryAfterSeconds ? { 'retry-after': String(outcome.retryAfterSeconds) } : undefined);

  // A browser tells where a request came from: the console's API answers its own pages only.
  const sameSite: MiddlewareHandler<AppEnv> = (c, next) => {
    const site = c.req.header('sec-fetch-site');
    return site === undefined || site === 'same-origin' || site === 'none' ? next() : Promise.resolve(problem(c, 403, 'cross-site request refused'));
  };
  const session: MiddlewareHandler<AppEnv> = async (c, next) => {
    const p = await desk.authenticate(getCookie(c, COOKIE));
    if (!p) return problem(c, 401, 'sign in first');
    principals.set(c, p);
    return next();
  };
  const csrf: MiddlewareHandler<AppEnv> = (c, next) =>
    csrfMatches(principal(c).token, c.req.header('x-csrf-token')) ? next() : Promise.resolve(problem(c, 403, 'missing or wrong X-CSRF-Token'));
  const jsonOnly: MiddlewareHandler<AppEnv> = (c, next) =>
    /^application\/json\s*(;|$)/i.test(c.req.header('content-type') ?? '') ? next() : Promise.resolve(problem(c, 415, 'send JSON as application/json'));
  /** The body, checked against `schema`, or the 400 naming the first bad field. */
  async function body<S extends v.GenericSchema>(c: AppContext, schema: S): Promise<{ ok: true; value: v.InferOutput<S> } | { ok: false; response: Response }> {
    const raw = await readJson(c);
    if (!raw.ok) return raw;
    const parsed = v.safeParse(schema, raw.value, { abortPipeEarly: true });
    return parsed.success ? { ok: true, value: parsed.output } : { ok: false, response: invalid(c, toShapeErrors(parsed.issues)) };
  }

  const pageHeaders = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], imgSrc: ["'self'", 'data:'], connectSrc: ["'self'"],
      baseUri: ["'none'"], formAction: ["'self'"], frameAncestors: ["'none'"],
    },
    referrerPolicy: 'no-referrer',
  });

  app.get(
    '/console',
    describeRoute({
      tags: ['console'],
      operationId: 'consolePage',
      summary: 'The privacy console',
      description: 'The console\'s page (its script and stylesheet are under `/console/assets/`): insights for viewers, rights requests and the audit log for privacy officers. Strict CSP: scripts and styles from this origin only.',
      responses: { 200: { description: 'The page.', content: { 'text/html': { schema: { type: 'string' } } } } },
    }),
    pageHeaders,
    (c) => c.html(PAGE),
  );
  app.get(
    '/console/assets/:file',
    describeRoute({
      tags: ['console'],
      operationId: 'consoleAsset',
      summary: 'The console\'s script and stylesheet',
      description: '`console.js` and `console.css`, built by `@assent/console`.',
      parameters: [{ name: 'file', in: 'path', required: true, schema: { type: 'string', enum: ['console.js', 'console.css'] } }],
      responses: {
        200: { description: 'The file.', content: { 'text/javascript': { schema: { type: 'string' } }, 'text/css': { schema: { type: 'string' } } } },
        404: errorResponse('Another file name.'),
        503: errorResponse('The console is not built.'),
      },
    }),
    pageHeaders,
    async (c) => {
    const name = c.req.param('file');
    if (!/^console\.(js|css)$/.test(name)) return problem(c, 404, 'not found');
    const file = await assets.file(name);
    if (!file) return problem(c, 503, 'the console is not built (run `pnpm exec rollup -c`)');
    return c.body(file.text, 200, { 'content-type': file.type, 'cache-control': 'no-cache' });
  },
  );

  app.post(
    '/console/api/login',
    describeRoute({
      tags: ['console'],
      operationId: 'consoleLogin',
      summary: 'Sign in to the console',
      description: 'Exchanges an access key (or the API key) for a session cookie (`assent_console`: HttpOnly, SameSite=Strict, Path=/console, Secure over HTTPS). Failed sign-ins are limited per client: 10 per 15 minutes by default, then 429 even for the right key.',
      requestBody: jsonOnlyBody('The access key.', ConsoleLoginRequestSchema),
      responses: {
        200: jsonResponse('Signed in; the cookie is set.', ConsoleSessionSchema, { 'Set-Cookie': { schema: { type: 'string' } } }),
        400: errorResponse('Not JSON, or no key.'),
        401: errorResponse('Wrong access key.'),
        403: errorResponse('A request a browser marks as cross-site.'),
        413: errorResponse('Body larger than 4 KiB.'),
        415: errorResponse('Body not sent as `application/json`.'),
        429: errorResponse('Too many failed sign-ins from this client in the current window.', { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } }),
        ...STORAGE_ERRORS,
      },
    }),
    sameSite,
    jsonOnly,
    limitBody(MAX_BODY),
    async (c) => {
      const b = await body(c, ConsoleLoginRequestSchema);
      if (!b.ok) return b.response;
      const signedIn = await desk.login(b.value.key, clientKey(c));
      if (!signedIn.ok) return answer(c, signedIn);
      setCookie(c, COOKIE, signedIn.token, { path: '/console', httpOnly: true, sameSite: 'Strict', secure: overHttps(c), maxAge: signedIn.maxAgeSeconds });
      return c.json(signedIn.session);
    },
  );

  app.get(
    '/console/api/session',
    consoleRoute({ operationId: 'consoleSession', summary: 'The signed-in user', description: 'The session\'s user, role, CSRF token and end.', responses: { 200: jsonResponse('The session.', ConsoleSessionSchema) } }),
    sameSite, session,
    (c) => c.json(desk.sessionOf(principal(c))),
  );

  app.post(
    '/console/api/logout',
    consoleRoute({ operationId: 'consoleLogout', summary: 'Sign out', description: 'Ends the session and clears the cookie.', responses: { 204: { description: 'Signed out.' } } }, true),
    sameSite, session, csrf,
    async (c) => {
      await desk.logout(principal(c));
      deleteCookie(c, COOKIE, { path: '/console', httpOnly: true, sameSite: 'Strict', secure: overHttps(c) });
      return c.body(null, 204);
    },
  );

  app.get(
    '/console/api/insights',
    consoleRoute({
      operationId: 'consoleInsights',
      summary: 'Consent insights of a period and region',
      description: 'Decisions per UTC day by outcome, the period\'s shares, grant rate per category, the share of US decisions with GPC, link events per day by reason; read from counters kept by the ingest transaction, never from the receipts. At most 366 days. Role: viewer.',
      responses: { 200: jsonResponse('The insights.', InsightsResponseSchema), 400: errorResponse('A bad date or region, or a period over 366 days.') },
    }),
    sameSite, session, validParams('query', InsightsQuery),
    async (c) => answer(c, await desk.insights(principal(c), c.req.valid('query'))),
  );

  const subjectRead = (action: 'subject' | 'export') => async (c: AppContext) => {
    const id = c.req.param('subjectId') as string;
    return answer(c, await desk.subject(principal(c), id, action), action === 'export' ? { 'content-disposition': `attachment; filename="subject-${id}.json"` } : undefined);
  };
  const NO_SUCH_SUBJECT = errorResponse('Nothing is stored about this subject.');
  const BAD_SUBJECT = errorResponse('The subject id is not 32 lowercase hex characters.');

  app.get(
    '/console/api/subjects/:subjectId',
    consoleRoute({
      operationId: 'consoleSubject', summary: 'A subject, to read',
      description: 'What `GET /v1/subjects/{subjectId}` exports, for the console\'s timeline. Role: privacy-officer. Audited as `subject`.',
      responses: { 200: jsonResponse('The subject.', SubjectExportSchema), 400: BAD_SUBJECT, 404: NO_SUCH_SUBJECT },
    }),
    sameSite, session, validParams('param', SubjectParams),
    subjectRead('subject'),
  );
  app.get(
    '/console/api/subjects/:subjectId/export',
    consoleRoute({
      operationId: 'consoleExportSubject', summary: 'Export a subject as JSON',
      description: 'The `GET /v1/subjects/{subjectId}` format, as a download. Role: privacy-officer. Audited as `export`.',
      responses: { 200: jsonResponse('The export.', SubjectExportSchema, { 'Content-Disposition': { schema: { type: 'string' } } }), 400: BAD_SUBJECT, 404: NO_SUCH_SUBJECT },
    }),
    sameSite, session, validParams('param', SubjectParams),
    subjectRead('export'),
  );
  app.get(
    '/console/api/subjects/:subjectId/verify',
    consoleRoute({
      operationId: 'consoleVerifySubject', summary: 'Verify a subject\'s chain',
      description: 'Role: privacy-officer. Audited as `verify`.',
      responses: { 200: jsonResponse('The verification.', ChainVerificationSchema), 400: BAD_SUBJECT, 404: NO_SUCH_SUBJECT },
    }),
    sameSite, session, validParams('param', SubjectParams),
    async (c) => answer(c, await desk.verify(principal(c), c.req.valid('param').subjectId)),
  );
  app.delete(
    '/console/api/subjects/:subjectId',
    consoleRoute({
      operationId: 'consoleEraseSubject', summary: 'Erase a subject',
      description: 'As `DELETE /v1/subjects/{subjectId}`, once the subject id is typed again in `confirm`. Role: privacy-officer (a viewer gets 403). Audited as `erase` with the tombstone id.',
      requestBody: jsonOnlyBody('The subject id, typed again.', ConsoleEraseRequestSchema),
      responses: {
        200: jsonResponse('Erased.', EraseResponseSchema),
        400: errorResponse('A bad subject id, or `confirm` is not the subject id.'),
        404: NO_SUCH_SUBJECT,
        413: errorResponse('Body larger than 4 KiB.'),
        415: errorResponse('Body not sent as `application/json`.'),
      },
    }, true),
    sameSite, session, csrf, validParams('param', SubjectParams), jsonOnly, limitBody(MAX_BODY),
    async (c) => {
      const b = await body(c, ConsoleEraseRequestSchema);
      if (!b.ok) return b.response;
      return answer(c, await desk.erase(principal(c), c.req.valid('param').subjectId, b.value.confirm));
    },
  );

  app.get(
    '/console/api/accounts/:accountId/links',
    consoleRoute({
      operationId: 'consoleAccountLinks', summary: 'A Portal account\'s links',
      description: 'Every link of the account still stored, active or revoked, found through its join key. Role: privacy-officer. Audited as `account` (without the id).',
      responses: { 200: jsonResponse('The links.', AccountLinksResponseSchema), 400: errorResponse('No account id, or one over 128 characters.') },
    }),
    sameSite, session, validParams('param', AccountParams),
    async (c) => answer(c, await desk.account(principal(c), c.req.valid('param').accountId)),
  );

  app.get(
    '/console/api/audit',
    consoleRoute({
      operationId: 'consoleAuditLog', summary: 'The audit log',
      description: 'Every console action, newest first, 50 per page: who, role, what, when, outcome; never a subject or account id. Role: privacy-officer.',
      responses: { 200: jsonResponse('A page of entries.', AuditLogResponseSchema), 400: errorResponse('A bad cursor.') },
    }),
    sameSite, session, validParams('query', AuditQuery),
    async (c) => answer(c, await desk.audit(principal(c), c.req.valid('query').before ?? null)),
  );
}
