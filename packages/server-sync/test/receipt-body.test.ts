import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../src/canonical.js';
import { decodeReceiptBody, encodeReceiptBody, RECEIPT_DICTIONARY_V1 } from '../src/storage/receipt-body.js';
import { prepared, receipt } from './fixtures.js';

const columnsOf = (r: ReturnType<typeof receipt>) => ({
  receiptId: r.receiptId, subjectId: r.subjectId, noticeHash: r.notice.hash ? Buffer.from(r.notice.hash, 'hex') : null,
});

describe('stored receipt bodies', () => {
  it('restore the receipt exactly, whatever characters it carries', () => {
    const odd = prepared(receipt())[0]!.receipt;
    odd.client.path = '/quote " backslash \\ tab \t emoji 😀 sep \u2028 ü';
    odd.previousReceiptId = '0f0e0d0c-0b0a-4908-8706-050403020100';
    const body = encodeReceiptBody(odd);
    expect(canonicalJson(decodeReceiptBody(body, columnsOf(odd)))).toBe(canonicalJson(odd));
  });

  it('restore a receipt that names no notice hash', () => {
    const r = receipt({ withText: false });
    delete (r.notice as { hash?: string }).hash;
    expect(decodeReceiptBody(encodeReceiptBody(r), { ...columnsOf(r), noticeHash: null })).toEqual(r);
  });

  it('read bodies stored as JSON before compression', () => {
    const r = prepared(receipt())[0]!.receipt;
    expect(decodeReceiptBody(Buffer.from(canonicalJson(r)), columnsOf(r))).toEqual(r);
  });

  it('take under 128 bytes for a typical receipt of 1 KB of JSON', () => {
    const r = prepared(receipt())[0]!.receipt;
    expect(canonicalJson(r).length).toBeGreaterThan(900);
    expect(encodeReceiptBody(r).length).toBeLessThan(128);
  });

  it('refuse a body in an unknown format', () => {
    const r = receipt();
    expect(() => decodeReceiptBody(Buffer.from([0x02, 1, 2]), columnsOf(r))).toThrow(/unknown body format/);
  });

  it('keep the dictionary of format 1 byte for byte (stored bodies need it to expand)', () => {
    expect(createHash('sha256').update(RECEIPT_DICTIONARY_V1).digest('hex')).toBe(PINNED);
  });
});

const PINNED = '5204d0f2f76d79b0aaf8cef294cd3a14ae45d66e157924007c5df345f23d737c';
