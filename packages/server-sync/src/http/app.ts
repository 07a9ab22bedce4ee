/**
 * The HTTP API on plain `node:http`: a handful of routes, strict JSON, CORS allow-list for the
 * public endpoints, Bearer API key for the others. Every response is JSON except /metrics.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { check, linkRequestShape, SUBJECT_ID, type LinkRequest, type ShapeError } from '@assent/sdk/schema';
import { prepareIngest } from '../ingest/prepare.js';
import { clientKeyOf } from '../keys.js';
import { regionFromHeaders } from '../region.js';
import type { Service } from '../service.js';
import { isStorageUnavailable } from '../storage/errors.js';
import { BodyNotUtf8, BodyTooLarge, readBody } from './body.js';

type Headers = Record<string, string>;

/** A response ready to send. */
interface Reply {
  status: number;
  body: unknown;
  headers?: Headers;
  /** Plain text body (metrics) instead of JSON. */
  text?: string;
}

const json = (status: number, body: unknown, headers?: Headers): Reply => ({ status, body, headers });
const problem = (status: number, error: string, extra: Record<string, unknown> = {}): Reply => json(status, { error, ...extra });

const NOTICE_HASH = /^[0-9a-f]{64}$/;
const MAX_EVENTS_PAGE = 1000;
/** JSON bodies arrive as application/json (fetch) or text/plain (navigator.sendBeacon with a string). */
const JSON_TYPES = /^(application\/json|text\/plain)\s*(;|$)/i;

function firstProblem(errors: ShapeError[]): Reply {
  const [e] = errors;
  const message = e ? `${e.path}: ${e.message}` : 'invalid body';
  return problem(400, message, { errors: errors.slice(0, 20) });
}

export interface App {
  handler: RequestListener;
}

export function createApp(service: Service): App {
  const { config, metrics } = service;
  const apiKey = Buffer.from(config.apiKey);

  const originAllowed = (origin: string | undefined): boolean =>
    origin === undefined || config.anyOrigin || config.allowedOrigins.has(origin);

  /** CORS headers for an allowed browser origin (none for requests without Origin). */
  const corsFor = (origin: string | undefined): Headers =>
    origin === undefined ? {} : { 'access-control-allow-origin': origin, vary: 'Origin' };

  const authorized = (req: IncomingMessage): boolean => {
    const m = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
    if (!m) return false;
    const given = Buffer.from((m[1] as string).trim());
    return given.length === apiKey.length && timingSafeEqual(given, apiKey);
  };

  // The keyed hash of a socket's address is computed once per connection (keep-alive reuses it).
  const socketKeys = new WeakMap<object, string>();
  const clientKey = (req: IncomingMessage): string => {
    if (config.clientIpHeader) return clientKeyOf(config.keys, clientOf(req));
    let key = socketKeys.get(req.socket);
    if (key === undefined) {
      key = clientKeyOf(config.keys, clientOf(req));
      socketKeys.set(req.socket, key);
    }
    return key;
  };

  const clientOf = (req: IncomingMessage): string => {
    if (config.clientIpHeader) {
      const raw = req.headers[config.clientIpHeader];
      const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
      // The rightmost entry is the one our trusted proxy appended.
      const last = value?.split(',').pop()?.trim();
      if (last) return last;
    }
    return req.socket.remoteAddress ?? 'unknown';
  };

  async function readJson(req: IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false; reply: Reply }> {
    const type = req.headers['content-type'] ?? '';
    if (!JSON_TYPES.test(type)) return { ok: false, reply: problem(415, 'send JSON as application/json or text/plain') };
    let text: string;
    try {
      text = await readBody(req, config.maxBodyBytes);
    } catch (err) {
      if (err instanceof BodyTooLarge)
        return { ok: false, reply: problem(413, `body larger than ${config.maxBodyBytes} bytes`) };
      if (err instanceof BodyNotUtf8) return { ok: false, reply: problem(400, 'body is not valid UTF-8') };
      throw err;
    }
    try {
      return { ok: true, value: JSON.parse(text) as unknown };
    } catch {
      return { ok: false, reply: problem(400, 'body is not valid JSON') };
    }
  }

  async function postReceipts(req: IncomingMessage, origin: string | undefined): Promise<Reply> {
    if (!originAllowed(origin)) {
      metrics.rejected.inc({ reason: 'origin' });
      return problem(403, 'origin not allowed');
    }
    const cors = corsFor(origin);
    if (!(await service.limiter.allow(clientKey(req), config.clock().getTime()))) {
      metrics.rejected.inc({ reason: 'rate_limited' });
      return { ...problem(429, 'too many requests'), headers: { ...cors, 'retry-after': String(Math.ceil(config.rateLimit.windowMs / 1000)) } };
    }
    const body = await readJson(req);
    if (!body.ok) {
      metrics.rejected.inc({ reason: String(body.reply.status) });
      return { ...body.reply, headers: { ...cors, ...body.reply.headers } };
    }
    const prepared = prepareIngest(body.value);
    if (!prepared.ok) {
      metrics.rejected.inc({ reason: 'invalid' });
      return { ...firstProblem(prepared.errors), headers: cors };
    }
    return json(202, await service.ingest(prepared.receipts), cors);
  }

  async function postLink(req: IncomingMessage): Promise<Reply> {
    const body = await readJson(req);
    if (!body.ok) return body.reply;
    const errors = check(linkRequestShape, body.value);
    if (errors.length) return firstProblem(errors);
    const { subjectId, accountId } = body.value as LinkRequest;
    const outcome = await service.link(subjectId, accountId);
    if (outcome.ok) return json(outcome.created ? 201 : 200, { link: outcome.link, created: outcome.created });
    return problem(outcome.reason === 'subject_unknown' ? 409 : 403, outcome.reason);
  }

  async function route(req: IncomingMessage, url: URL): Promise<Reply> {
    const method = req.method ?? 'GET';
    const path = url.pathname;
    const origin = req.headers.origin;

    if (method === 'OPTIONS') {
      if (!originAllowed(origin) || origin === undefined) return problem(403, 'origin not allowed');
      return {
        status: 204,
        body: null,
        headers: {
          ...corsFor(origin),
          'access-control-allow-methods': 'GET, POST, OPTIONS',
          'access-control-allow-headers': 'content-type',
          'access-control-max-age': '600',
        },
      };
    }

    const only = (...allowed: string[]): Reply | null =>
      allowed.includes(method) ? null : problem(405, `use ${allowed.join(' or ')}`);

    switch (path) {
      case '/healthz': {
        const database = (await service.storage.ping()) ? 'up' : 'unavailable';
        const ok = database === 'up' && !service.draining;
        return json(ok ? 200 : 503, { ok, storage: service.storage.dialect, database, draining: service.draining });
      }
      case '/metrics':
        return { status: 200, body: null, text: metrics.render(), headers: { 'content-type': 'text/plain; version=0.0.4' } };
      case '/.well-known/gpc.json':
        return json(200, { gpc: true, lastUpdate: config.gpcLastUpdate }, { 'access-control-allow-origin': '*' });
      case '/v1/receipts':
        return only('POST') ?? postReceipts(req, origin);
      case '/v1/region': {
        if (!originAllowed(origin)) return problem(403, 'origin not allowed');
        return only('GET') ?? json(200, { region: regionFromHeaders(req.headers, config.regionHeaders) }, {
          ...corsFor(origin),
          'cache-control': 'private, no-store',
        });
      }
    }

    if (path.startsWith('/v1/notices/')) {
      const hash = path.slice('/v1/notices/'.length);
      if (!NOTICE_HASH.test(hash)) return problem(400, 'notice hash must be 64 lowercase hex characters');
      const wrong = only('GET');
      if (wrong) return wrong;
      const notice = await service.storage.notice(hash);
      return notice ? json(200, notice, { 'cache-control': 'public, max-age=31536000, immutable' }) : problem(404, 'no such notice');
    }

    // Everything below needs the API key.
    if (path === '/v1/links' || path === '/v1/links/events' || path.startsWith('/v1/subjects/')) {
      if (!authorized(req)) return { ...problem(401, 'missing or wrong API key'), headers: { 'www-authenticate': 'Bearer' } };
    } else {
      return problem(404, 'not found');
    }

    if (path === '/v1/links') {
      if (method === 'POST') return postLink(req);
      const wrong = only('GET');
      if (wrong) return wrong;
      const accountId = url.searchParams.get('accountId');
      if (!accountId || accountId.length > 128) return problem(400, 'accountId: required, at most 128 characters');
      return json(200, { links: await service.activeLinks(accountId) });
    }
    if (path === '/v1/links/events') {
      const wrong = only('GET');
      if (wrong) return wrong;
      const since = Number(url.searchParams.get('since') ?? '0');
      const limit = Number(url.searchParams.get('limit') ?? '500');
      if (!Number.isSafeInteger(since) || since < 0) return problem(400, 'since: expected a non-negative integer cursor');
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_EVENTS_PAGE) return problem(400, `limit: expected 1 to ${MAX_EVENTS_PAGE}`);
      const events = await service.linkEvents(since, limit);
      return json(200, { events, next: events.length ? (events[events.length - 1] as { id: number }).id : since });
    }

    const m = /^\/v1\/subjects\/([^/]+)(\/verify)?$/.exec(path);
    const subjectId = m?.[1];
    if (!m || !subjectId) return problem(404, 'not found');
    if (!SUBJECT_ID.test(subjectId)) return problem(400, 'subject id must be 32 lowercase hex characters');
    if (m[2]) {
      const wrong = only('GET');
      if (wrong) return wrong;
      const verification = await service.verifySubject(subjectId);
      return verification ? json(200, verification) : problem(404, 'no such subject');
    }
    if (method === 'GET') {
      const data = await service.exportSubject(subjectId);
      return data ? json(200, data, { 'content-disposition': `attachment; filename="subject-${subjectId}.json"` }) : problem(404, 'no such subject');
    }
    if (method === 'DELETE') {
      const erased = await service.erase(subjectId);
      return erased ? json(200, { erased: true, ...erased }) : problem(404, 'no such subject');
    }
    return problem(405, 'use GET or DELETE');
  }

  function send(res: ServerResponse, reply: Reply, routeName: string): void {
    metrics.requests.inc({ route: routeName, status: String(reply.status) });
    const headers: Headers = { 'cache-control': 'no-store', ...reply.headers };
    // While draining, clients are asked not to reuse the connection: it will be closed once answered.
    if (reply.status === 413 || service.draining) headers.connection = 'close';
    if (reply.text !== undefined) {
      res.writeHead(reply.status, headers).end(reply.text);
    } else if (reply.body === null) {
      res.writeHead(reply.status, headers).end();
    } else {
      res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(reply.body));
    }
  }

  const KNOWN_ROUTES = new Set(['/healthz', '/metrics', '/.well-known/gpc.json', '/v1/receipts', '/v1/region', '/v1/links', '/v1/links/events']);
  // Metric labels from a fixed set: a scan of random paths must not grow the metrics without bound.
  const routeName = (path: string): string =>
    path.startsWith('/v1/subjects/') ? '/v1/subjects/:id'
      : path.startsWith('/v1/notices/') ? '/v1/notices/:hash'
      : KNOWN_ROUTES.has(path) ? path
      : 'other';

  const handler: RequestListener = (req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://server-sync.invalid');
    } catch {
      send(res, problem(400, 'bad request target'), 'invalid');
      return;
    }
    const name = routeName(url.pathname);
    route(req, url).then(
      (reply) => send(res, reply, name),
      (err: unknown) => {
        if (isStorageUnavailable(err)) {
          config.log({ event: 'storage_unavailable', route: name, error: err.message, retryAfterSeconds: err.retryAfterSeconds });
          // A browser must be able to read the 503 and its Retry-After (the outbox retries it).
          const origin = req.headers.origin;
          const cors = originAllowed(origin) ? { ...corsFor(origin), 'access-control-expose-headers': 'Retry-After' } : {};
          const headers = { ...cors, 'retry-after': String(err.retryAfterSeconds) };
          if (!res.headersSent) send(res, { ...problem(503, 'storage unavailable; nothing was stored by this request, retry later'), headers }, name);
          else res.destroy();
          return;
        }
        config.log({ event: 'request_failed', route: name, error: String(err) });
        if (!res.headersSent) send(res, problem(500, 'internal error; nothing was stored by this request'), name);
        else res.destroy();
      },
    );
  };
  return { handler };
}
