/**
 * A small HTTP client for tests: JSON in, status + JSON out. Every answer is checked against the
 * OpenAPI document (contract.ts): one that does not match fails the test that received it.
 */
import { assertContract } from './contract.js';

export interface HttpResult {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test convenience: assertions narrow it
}

/** `fetch`, with the answer checked against the contract (its body is read here, as text). */
export async function checkedFetch(url: string, init: RequestInit = {}): Promise<{ res: Response; text: string }> {
  const res = await fetch(url, init);
  const text = await res.text();
  assertContract({ method: init.method ?? 'GET', url, status: res.status, headers: res.headers, text });
  return { res, text };
}

export async function call(
  base: string, method: string, path: string,
  opts: { body?: unknown; raw?: string | Uint8Array<ArrayBuffer>; headers?: Record<string, string>; key?: string } = {},
): Promise<HttpResult> {
  const headers: Record<string, string> = { ...opts.headers };
  let body: string | Uint8Array<ArrayBuffer> | undefined;
  if (opts.raw !== undefined) body = opts.raw;
  else if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  if (opts.key) headers.authorization = `Bearer ${opts.key}`;
  const { res, text } = await checkedFetch(`${base}${path}`, { method, headers, body });
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, headers: res.headers, body: parsed };
}
