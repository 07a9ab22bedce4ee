/** Test fixtures: valid receipts, keys, and storage targets for both engines. */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Receipt } from '@assent/sdk/schema';
import { makeKeyring, parseSigningKeys, type Keyring } from '../src/keys.js';
import { prepareIngest } from '../src/ingest/prepare.js';
import type { PreparedReceipt } from '../src/storage/types.js';

export const NOTICE_TEXT = 'We use cookies for analytics and advertising. You can change your choice at any time.';

export const newSubjectId = (): string => randomBytes(16).toString('hex');

export const testKeys = (): Keyring =>
  makeKeyring(parseSigningKeys(`k2:${'22'.repeat(32)},k1:${'11'.repeat(32)}`), Buffer.from('33'.repeat(32), 'hex'));

export interface ReceiptSpec {
  subjectId?: string;
  analytics?: boolean;
  basis?: 'consent' | 'default' | 'signal';
  policyVersion?: string;
  clientTime?: Date;
  expiresAt?: Date;
  gpcHonoured?: boolean;
  /** Adds an analytics service flagged saleOrShare with this state. */
  saleOrShareService?: { granted: boolean; basis: 'consent' | 'default' | 'signal' };
  withText?: boolean;
}

/** A valid receipt; analytics granted with basis `consent` unless told otherwise. */
export function receipt(spec: ReceiptSpec = {}): Receipt {
  const clientTime = spec.clientTime ?? new Date();
  const analytics = spec.analytics ?? true;
  const basis = spec.basis ?? 'consent';
  const services: Receipt['services'] = {
    'web-stats': { category: 'analytics', granted: analytics, basis, saleOrShare: false },
  };
  if (spec.saleOrShareService) services['ad-analytics'] = { category: 'analytics', saleOrShare: true, ...spec.saleOrShareService };
  return {
    schemaVersion: 'assent-receipt/1',
    receiptId: randomUUID(),
    subjectId: spec.subjectId ?? newSubjectId(),
    previousReceiptId: null,
    event: { type: analytics ? 'given' : 'refused', method: analytics ? 'accept-all' : 'reject-all', clientTime: clientTime.toISOString() },
    jurisdiction: { region: 'FR', regime: 'EEA', model: 'opt-in', source: 'attribute' },
    policyVersion: spec.policyVersion ?? 'p1',
    notice: spec.withText === false
      ? { language: 'en', hash: 'a'.repeat(64) }
      : { language: 'en', text: NOTICE_TEXT },
    purposes: {
      necessary: { granted: true, basis: 'necessary' },
      functional: { granted: analytics, basis },
      analytics: { granted: analytics, basis },
      advertising: { granted: false, basis },
    },
    services,
    validity: { expiresAt: (spec.expiresAt ?? new Date(clientTime.getTime() + 180 * 86_400_000)).toISOString() },
    signals: { gpc: { value: !!spec.gpcHonoured, honoured: !!spec.gpcHonoured }, dnt: { value: false, honoured: false }, declaredMinor: false },
    client: { sdkVersion: '0.1.0', source: 'website', origin: 'https://www.example.com', path: '/', browser: 'Chrome', uiLanguage: 'en' },
  };
}

/** Validates and prepares receipts as the HTTP layer does. */
export function prepared(...receipts: Receipt[]): PreparedReceipt[] {
  const r = prepareIngest({ receipts });
  if (!r.ok) throw new Error(`fixture receipt invalid: ${JSON.stringify(r.errors)}`);
  return r.receipts;
}

/** A fresh temporary directory, removed by the returned cleanup. */
export function tempDir(prefix = 'assent-sync-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

