import { describe, expect, it } from 'vitest';
import { SHARED as lent } from '@assent/sdk/internal';
import { SHARED as borrowed } from '../build.mjs';

describe('what assent.js lends assent-core.js', () => {
  it('the engine build borrows exactly the functions the loader lends (sdk/src/shared.ts)', () => {
    expect(Object.values(borrowed).flat().sort()).toEqual(Object.keys(lent).sort());
    for (const fn of Object.values(lent)) expect(typeof fn).toBe('function');
  });
});
