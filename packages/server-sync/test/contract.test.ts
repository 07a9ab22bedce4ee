/** The contract check itself: it must fail answers the OpenAPI document does not allow. */
import { describe, expect, it } from 'vitest';
import { assertContract, type Observed } from './contract.js';

const json = (body: unknown, extra: Record<string, string> = {}) => new Headers({ 'content-type': 'application/json', ...extra });
const observed = (o: Partial<Observed> & Pick<Observed, 'method' | 'url' | 'status'>): Observed => ({
  headers: json(null), text: '{}', ...o,
});

describe('contract check', () => {
  it('accepts answers the document declares', () => {
    expect(() => assertContract(observed({ method: 'POST', url: '/v1/receipts', status: 202, text: '{"accepted":1,"duplicates":0}' }))).not.toThrow();
    expect(() => assertContract(observed({
      method: 'GET', url: `/v1/subjects/${'a'.repeat(32)}`, status: 401, text: '{"error":"missing or wrong API key"}',
      headers: json(null, { 'www-authenticate': 'Bearer', 'x-request-id': 'r1' }),
    }))).not.toThrow();
    expect(() => assertContract(observed({ method: 'GET', url: '/nope', status: 404, text: '{"error":"not found"}' }))).not.toThrow();
  });

  it('fails an undeclared status, a body off its schema, a missing declared header, a wrong 404/405', () => {
    expect(() => assertContract(observed({ method: 'POST', url: '/v1/receipts', status: 201, text: '{"accepted":1,"duplicates":0}' }))).toThrow(/status not declared/);
    expect(() => assertContract(observed({ method: 'POST', url: '/v1/receipts', status: 202, text: '{"accepted":"1","duplicates":0}' }))).toThrow(/does not match the schema/);
    expect(() => assertContract(observed({ method: 'POST', url: '/v1/receipts', status: 202, text: '{"accepted":1,"duplicates":0,"ip":"1.2.3.4"}' }))).toThrow(/does not match/);
    expect(() => assertContract(observed({ method: 'POST', url: '/v1/receipts', status: 429, text: '{"error":"too many requests"}', headers: json(null, { 'x-request-id': 'r' }) }))).toThrow(/Retry-After missing/);
    expect(() => assertContract(observed({ method: 'GET', url: '/nope', status: 200, text: '{}' }))).toThrow(/expected 404/);
    expect(() => assertContract(observed({ method: 'PUT', url: '/v1/receipts', status: 405, text: '{"error":"use POST"}' }))).toThrow(/without Allow/);
    expect(() => assertContract(observed({ method: 'GET', url: '/healthz', status: 200, text: 'ok', headers: new Headers({ 'content-type': 'text/plain' }) }))).toThrow(/not declared/);
  });
});
