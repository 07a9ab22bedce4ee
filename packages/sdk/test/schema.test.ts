/**
 * The shared schema module: the valibot schemas server-sync validates with, and the errors it
 * answers (field first). The types are inferred from the schemas; these tests pin the runtime side.
 */
import { describe, expect, it } from 'vitest';
import {
  LinkRequestSchema, ReceiptSchema, SCHEMA_VERSION, validateIngestBody, validateReceipt, type Receipt,
} from '../src/schema/index.js';
import * as v from 'valibot';

const receipt = (): Receipt => ({
  schemaVersion: SCHEMA_VERSION,
  receiptId: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
  subjectId: '5f0c3a9e2b7d4c18a6e1f09d3b2c4a7e',
  previousReceiptId: null,
  event: { type: 'given', method: 'accept-all', clientTime: '2026-11-30T09:15:02.123Z' },
  jurisdiction: { region: 'CA-QC', regime: 'CA-QC', model: 'opt-in', source: 'attribute' },
  policyVersion: '2026-11',
  notice: { language: 'fr', hash: 'a'.repeat(64) },
  purposes: {
    necessary: { granted: true, basis: 'necessary' },
    functional: { granted: false, basis: 'consent' },
    analytics: { granted: true, basis: 'consent' },
    advertising: { granted: false, basis: 'consent' },
  },
  services: { metricly: { category: 'analytics', granted: true, basis: 'consent', saleOrShare: false } },
  validity: { expiresAt: '2027-05-29T09:15:02.123Z' },
  signals: { gpc: { value: false, honoured: false }, dnt: { value: false, honoured: false }, declaredMinor: false },
  client: { sdkVersion: '0.1.0', source: 'website', origin: 'https://www.example.com', path: '/', browser: 'Firefox', uiLanguage: 'fr-CA' },
});

/** A receipt with one change, as untyped JSON. */
const changed = (edit: (r: Record<string, any>) => void): unknown => { // eslint-disable-line @typescript-eslint/no-explicit-any
  const r = structuredClone(receipt()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  edit(r);
  return r;
};

describe('receipt schema', () => {
  it('accepts a valid receipt, with the notice by hash or by text', () => {
    expect(validateReceipt(receipt())).toEqual([]);
    expect(validateReceipt(changed((r) => { r.notice = { language: 'fr', text: 'Nous utilisons des témoins 🍪' }; }))).toEqual([]);
    expect(v.is(ReceiptSchema, receipt())).toBe(true);
  });

  it.each<[string, (r: Record<string, any>) => void, { path: string; message: string }]>([ // eslint-disable-line @typescript-eslint/no-explicit-any
    ['an unknown field', (r) => { r.ip = '1.2.3.4'; }, { path: '/ip', message: 'is not a known field' }],
    ['a missing field', (r) => { delete r.client.browser; }, { path: '/client/browser', message: 'is required' }],
    ['a wrong type', (r) => { r.policyVersion = 7; }, { path: '/policyVersion', message: 'expected a string, got number' }],
    ['an object where a string goes', (r) => { r.event.clientTime = {}; }, { path: '/event/clientTime', message: 'expected a string, got object' }],
    ['an array where an object goes', (r) => { r.purposes = []; }, { path: '/purposes', message: 'expected an object, got array' }],
    ['a value outside the vocabulary', (r) => { r.event.method = 'shrug'; }, { path: '/event/method', message: expect.stringMatching(/^expected one of accept-all, reject-all, /) }],
    ['another schema version', (r) => { r.schemaVersion = 'assent-receipt/2'; }, { path: '/schemaVersion', message: 'expected assent-receipt/1' }],
    ['a malformed id', (r) => { r.subjectId = 'ABC'; }, { path: '/subjectId', message: 'does not match /^[0-9a-f]{32}$/' }],
    ['a too long string', (r) => { r.policyVersion = 'v'.repeat(65); }, { path: '/policyVersion', message: 'expected at most 64 characters, got 65' }],
    ['an empty policy version', (r) => { r.policyVersion = ''; }, { path: '/policyVersion', message: 'expected at least 1 characters' }],
    ['a bad service id', (r) => { r.services['Bad Key'] = r.services.metricly; }, { path: '/services/Bad Key', message: 'key does not match /^[a-z0-9][a-z0-9_-]{0,63}$/' }],
    ['a date that does not exist', (r) => { r.validity.expiresAt = '2027-02-30T00:00:00Z'; }, { path: '/validity/expiresAt', message: 'is not a real date' }],
    ['a lone surrogate in free text', (r) => { r.client.path = '/a\ud800'; }, { path: '/client/path', message: 'contains a NUL character or a lone surrogate' }],
    ['a NUL in free text', (r) => { r.client.browser = 'Fire\u0000fox'; }, { path: '/client/browser', message: 'contains a NUL character or a lone surrogate' }],
    ['a NUL in the notice text', (r) => { r.notice = { language: 'fr', text: 'a\u0000b' }; }, { path: '/notice/text', message: 'contains a NUL character or a lone surrogate' }],
    ['a notice with neither text nor hash', (r) => { r.notice = { language: 'fr' }; }, { path: '/notice', message: 'needs text or hash' }],
    ['necessary not granted', (r) => { r.purposes.necessary.granted = false; }, { path: '/purposes/necessary', message: 'must be granted with basis necessary' }],
    ['necessary on another basis', (r) => { r.purposes.necessary.basis = 'consent'; }, { path: '/purposes/necessary', message: 'must be granted with basis necessary' }],
  ])('refuses %s, naming the field first', (_name, edit, error) => {
    expect(validateReceipt(changed(edit))[0]).toEqual(error);
  });

  it('takes a time as real exactly when Date takes it for the day and hour it names', () => {
    // The schema checks times by the calendar; Date.parse rolls 2027-02-30 over into March and
    // 24:00 into the next day, and refuses minute or second 60.
    const real = (s: string): boolean => {
      const d = new Date(Date.parse(s));
      return !Number.isNaN(d.getTime()) && d.getUTCDate() === Number(s.slice(8, 10)) && d.getUTCHours() === Number(s.slice(11, 13));
    };
    const pad = (n: number, width = 2) => String(n).padStart(width, '0');
    let checked = 0;
    for (const year of [0, 4, 100, 1900, 2000, 2024, 2026, 2100, 9999]) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          for (const time of ['00:00:00', '23:59:59.999', '24:00:00', '24:00:01', '12:60:00', '12:00:60', '99:00:00.5']) {
            const s = `${pad(year, 4)}-${pad(month)}-${pad(day)}T${time}Z`;
            const errors = validateReceipt(changed((r) => { r.validity.expiresAt = s; }));
            expect(errors, s).toEqual(real(s) ? [] : [{ path: '/validity/expiresAt', message: 'is not a real date' }]);
            checked++;
          }
        }
      }
    }
    expect(checked).toBe(9 * 14 * 33 * 7);
  });

  it('refuses what is not an object', () => {
    for (const value of [null, [], 'receipt', 42]) expect(validateReceipt(value)).toEqual([{ path: '/', message: expect.stringMatching(/^expected an object, got /) }]);
  });

  it('reports one problem per field, every field', () => {
    const errors = validateReceipt(changed((r) => { r.policyVersion = 'x'.repeat(100_000); r.subjectId = 1; delete r.validity; }));
    expect(errors.map((e) => e.path)).toEqual(['/subjectId', '/policyVersion', '/validity']);
  });
});

describe('ingest body', () => {
  it('takes one receipt or a batch of 1 to 100, with paths into the body', () => {
    expect(validateIngestBody(receipt())).toEqual([]);
    expect(validateIngestBody({ receipts: [receipt(), receipt()] })).toEqual([]);
    expect(validateIngestBody({ receipts: [receipt(), changed((r) => { r.policyVersion = 7; })] })[0])
      .toEqual({ path: '/receipts/1/policyVersion', message: 'expected a string, got number' });
    expect(validateIngestBody({ receipts: [] })[0]).toEqual({ path: '/receipts', message: 'expected at least 1 items' });
    expect(validateIngestBody({ receipts: Array.from({ length: 101 }, receipt) })[0]).toEqual({ path: '/receipts', message: 'expected at most 100 items, got 101' });
    expect(validateIngestBody({ receipts: [receipt()], extra: 1 })[0]).toEqual({ path: '/extra', message: 'is not a known field' });
  });
});

describe('link request', () => {
  it('needs a subject id and an account id of 1 to 128 characters', () => {
    expect(v.is(LinkRequestSchema, { subjectId: 'a'.repeat(32), accountId: 'acct-1' })).toBe(true);
    for (const bad of [{ subjectId: 'a'.repeat(32), accountId: '' }, { subjectId: 'a'.repeat(32), accountId: 'x'.repeat(129) }, { subjectId: 'A', accountId: 'a' }, { subjectId: 'a'.repeat(32), accountId: 'a', extra: 1 }])
      expect(v.is(LinkRequestSchema, bad), JSON.stringify(bad)).toBe(false);
  });
});
