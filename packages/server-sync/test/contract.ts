/**
 * The API contract as tests hold it: every answer the HTTP suites receive is checked against the
 * committed OpenAPI document (packages/server-sync/openapi.json). An operation must declare the
 * status it answered, its body must match the declared schema, and the declared headers must be
 * there. Answers outside the operations are the generic ones the document describes: 404 for an
 * unknown path, 405 with `Allow` for a known path asked with another method, CORS preflights.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export const OPENAPI_FILE = join(dirname(fileURLToPath(import.meta.url)), '..', 'openapi.json');

interface Operation {
  responses: Record<string, { headers?: Record<string, unknown>; content?: Record<string, { schema?: unknown }> }>;
}
type Document = { paths: Record<string, Record<string, Operation>> };

let loaded: { doc: Document; ajv: Ajv2020; routes: { pattern: RegExp; path: string }[] } | undefined;
const compiled = new Map<string, ValidateFunction>();

function contract() {
  if (loaded) return loaded;
  const doc = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')) as Document;
  // OpenAPI 3.1 schema objects are JSON Schema 2020-12; `strict: false` lets the document's own
  // keywords (paths, components…) sit around them. `$ref`s resolve inside the document.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema(doc as object, 'openapi.json');
  const routes = Object.keys(doc.paths).map((path) => ({
    path,
    pattern: new RegExp(`^${path.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`),
  }));
  loaded = { doc, ajv, routes };
  return loaded;
}

const pointer = (...parts: string[]): string => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

function schemaFor(path: string, method: string, status: string, media: string): ValidateFunction {
  const key = `${method} ${path} ${status} ${media}`;
  let fn = compiled.get(key);
  if (!fn) {
    fn = contract().ajv.compile({ $ref: `openapi.json#/${pointer('paths', path, method, 'responses', status, 'content', media, 'schema')}` });
    compiled.set(key, fn);
  }
  return fn;
}

/** What a test saw: enough to check it against the contract. */
export interface Observed {
  method: string;
  /** Path and query, as requested. */
  url: string;
  status: number;
  headers: Headers;
  /** The body as text. */
  text: string;
}

/** Throws (failing the test) when an answer does not match the OpenAPI document. */
export function assertContract(o: Observed): void {
  const { doc, routes } = contract();
  const path = new URL(o.url, 'http://contract.invalid').pathname;
  const method = o.method.toLowerCase();
  const where = `${o.method} ${o.url} → ${o.status}`;
  const fail = (why: string): never => {
    throw new Error(`contract: ${where}: ${why}\n${o.text.slice(0, 500)}`);
  };
  const json = (): unknown => {
    if (!/^application\/json\b/.test(o.headers.get('content-type') ?? '')) fail(`expected a JSON body, got ${o.headers.get('content-type')}`);
    try {
      return JSON.parse(o.text) as unknown;
    } catch {
      return fail('body is not JSON');
    }
  };
  const isError = (): void => {
    const body = json() as { error?: unknown };
    if (typeof body.error !== 'string') fail('expected an error body { error }');
  };

  if (path === '/docs' || path.startsWith('/docs/')) return; // the docs UI, not part of the API
  if (method === 'options') {
    // CORS preflight: 204 with CORS headers for an allowed origin, else a 403 error.
    if (o.status === 204) {
      if (!o.headers.get('access-control-allow-origin')) fail('preflight without Access-Control-Allow-Origin');
      return;
    }
    if (![403, 404, 405].includes(o.status)) fail('a preflight answers 204 or 403 (or 404/405 where no browser may call)');
    isError();
    return;
  }
  const route = routes.find((r) => r.pattern.test(path));
  const operation = route ? doc.paths[route.path]?.[method === 'head' ? 'get' : method] : undefined;
  if (!route || !operation) {
    if (!route && o.status !== 404) fail('path not in the document, expected 404');
    if (route && o.status !== 405) fail(`method not in the document for ${route.path}, expected 405`);
    if (o.status === 405 && !o.headers.get('allow')) fail('405 without Allow');
    if (method !== 'head') isError();
    return;
  }
  const declared = operation.responses[String(o.status)];
  if (!declared) fail(`status not declared for ${method.toUpperCase()} ${route.path} (declared: ${Object.keys(operation.responses).join(', ')})`);
  for (const name of Object.keys(declared?.headers ?? {})) {
    if (!o.headers.has(name)) fail(`declared header ${name} missing`);
  }
  if (method === 'head') return;
  // A response declared without content (204) must come without a body.
  if (!declared?.content) {
    if (o.text !== '') fail('a body where the document declares none');
    return;
  }
  const content = declared.content;
  const media = Object.keys(content).find((m) => (o.headers.get('content-type') ?? '').startsWith(m));
  if (!media) fail(`content type ${o.headers.get('content-type')} not declared (declared: ${Object.keys(content).join(', ')})`);
  if (media !== 'application/json') return;
  const validate = schemaFor(route?.path ?? '', method, String(o.status), media);
  if (!validate(json())) fail(`body does not match the schema: ${contract().ajv.errorsText(validate.errors)}`);
}
