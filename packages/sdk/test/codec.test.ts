import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/site-config.js';
import { resolveRegime } from '../src/policy/resolve.js';
import { decide } from '../src/state/decide.js';
import { decodeRecord, encodeRecord } from '../src/storage/codec.js';
import { siteConfig } from './fixtures.js';

const { config } = parseConfig(siteConfig());
const record = (choices: Parameters<typeof decide>[0] = { analytics: true }) => ({
  ...decide(choices, 'custom', {
    config,
    regime: resolveRegime('FR', 'attribute'),
    signals: { gpc: false, dnt: false, minor: false },
    subjectId: '0123456789abcdef0123456789abcdef',
    now: 1_764_000_000_000,
    previous: null,
  }),
  receiptId: '3b241101-e2bb-4255-8caf-4136c566a962',
});

const grantsAnything = (v: string) => {
  const r = decodeRecord(v);
  return !!r && (Object.values(r.categories).some((d) => d.granted) || Object.values(r.services).some((d) => d.granted));
};

describe('cookie codec', () => {
  it('round-trips a record', () => {
    const r = record({ functional: true, analytics: true, services: { stats: false } });
    const v = encodeRecord(r);
    expect(v).toMatch(/^1\.[A-Za-z0-9_-]+\.[0-9a-z]+$/);
    expect(v.length).toBeLessThan(400);
    expect(decodeRecord(v)).toEqual(r);
  });

  it('detects a hand-edited grant', () => {
    const v = encodeRecord(record({}));
    const [ver, body, sum] = v.split('.');
    const json = JSON.parse(atob(body!.replace(/-/g, '+').replace(/_/g, '/')));
    json.c = '1c1c1c';
    const forged = btoa(JSON.stringify(json)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    expect(decodeRecord(`${ver}.${forged}.${sum}`)).toBeNull();
  });

  it('treats truncation, other versions and junk as no decision', () => {
    const v = encodeRecord(record());
    expect(decodeRecord(v.slice(0, -1))).toBeNull();
    expect(decodeRecord(v.slice(0, 20))).toBeNull();
    expect(decodeRecord(`2${v.slice(1)}`)).toBeNull();
    expect(decodeRecord(`${v}.x`)).toBeNull();
    for (const junk of ['', '1..', 'null', '1.e30=.0', undefined, null, 42, {}, '1.' + 'A'.repeat(5000) + '.0'])
      expect(decodeRecord(junk)).toBeNull();
  });

  it('fuzz: random input never throws and never grants', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.base64String(), fc.json()), (s) => {
        expect(() => decodeRecord(s)).not.toThrow();
        expect(grantsAnything(s)).toBe(false);
      }),
      { numRuns: 5000 },
    );
  });

  it('fuzz: any mutation of a valid refusal never grants, and decodes to it or to nothing', () => {
    const refused = record({});
    const v = encodeRecord(refused);
    fc.assert(
      fc.property(fc.nat(v.length - 1), fc.integer({ min: 32, max: 126 }), fc.nat(3), (i, code, op) => {
        const ch = String.fromCharCode(code);
        const m =
          op === 0 ? v.slice(0, i) + ch + v.slice(i + 1)
          : op === 1 ? v.slice(0, i) + ch + v.slice(i)
          : op === 2 ? v.slice(0, i) + v.slice(i + 1)
          : v.slice(0, i);
        const d = decodeRecord(m);
        expect(d === null || JSON.stringify(d) === JSON.stringify(refused)).toBe(true);
        expect(grantsAnything(m)).toBe(false);
      }),
      { numRuns: 5000 },
    );
  });
});
