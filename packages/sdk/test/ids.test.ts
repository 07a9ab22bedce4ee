import { describe, expect, it } from 'vitest';
import { SUBJECT_ID, UUID } from '../src/schema/patterns.js';
import { newSubjectId, newUuid } from '../src/sync/ids.js';

/** The 32 hex characters as the hyphenated UUID they are. */
const hyphenated = (id: string) => `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;

describe('newSubjectId: an RFC 9562 UUIDv7 as 32 hex characters', () => {
  it('matches the schema, version 7, variant 10', () => {
    for (let i = 0; i < 200; i++) {
      const id = newSubjectId();
      expect(id).toMatch(SUBJECT_ID);
      expect(id[12]).toBe('7');
      expect('89ab').toContain(id[16]);
    }
  });

  it('begins with its time in milliseconds, big-endian', () => {
    const t = Date.UTC(2026, 11, 6, 21, 5, 7, 123);
    const id = newSubjectId(t);
    expect(parseInt(id.slice(0, 12), 16)).toBe(t);
    const before = Date.now();
    const now = parseInt(newSubjectId().slice(0, 12), 16);
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('sorts by creation time, as text (what the server keys its tables by)', () => {
    const times = [0, 1, 255, 256, 65_535, 1_700_000_000_000, 1_800_000_000_000, 2 ** 48 - 1];
    const ids = times.map((t) => newSubjectId(t));
    expect([...ids].sort()).toEqual(ids);
  });

  it('a clock out of range still gives a valid id', () => {
    for (const t of [-1, -1e15, 2 ** 48, 1e20, 1.5]) expect(newSubjectId(t)).toMatch(SUBJECT_ID);
  });

  it('keeps 74 random bits: ids made in the same millisecond differ', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newSubjectId(1_765_000_000_000)));
    expect(ids.size).toBe(10_000);
    // Every random hex digit takes several values (the fixed ones are the version and variant).
    const sample = [...ids];
    for (const at of [13, 14, 15, 17, 20, 25, 31]) expect(new Set(sample.map((id) => id[at])).size).toBeGreaterThan(8);
  });

  it('reads as a hyphenated UUID of version 7, not 4 (receipt ids stay v4)', () => {
    expect(hyphenated(newSubjectId())).not.toMatch(UUID);
    expect(newUuid()).toMatch(UUID);
  });
});
