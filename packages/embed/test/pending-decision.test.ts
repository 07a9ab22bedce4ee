// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import type { PendingCall } from '../src/facade.js';
import { keepOnLeave, takePending } from '../src/pending-decision.js';

const MARKER = 'assent_pending';
const cookies = () => document.cookie;

afterEach(() => {
  sessionStorage.clear();
  document.cookie = `${MARKER}=; Path=/; Max-Age=0`;
});

describe('a decision kept across a navigation', () => {
  it('is kept as the page goes only while it waits for the engine, and taken once', () => {
    let pending: PendingCall[] = [];
    keepOnLeave(window, MARKER, () => pending);
    window.dispatchEvent(new Event('pagehide'));
    expect(cookies()).not.toContain(MARKER);
    expect(sessionStorage.getItem('assent.pending')).toBeNull();

    const notice = { language: 'fr', text: 'Vos choix…' };
    pending = [['acceptAll', [{ method: 'accept-all', notice }]]];
    window.dispatchEvent(new Event('pagehide'));
    expect(cookies()).toContain(`${MARKER}=1`);
    expect(takePending(window, MARKER)).toEqual([['acceptAll', [{ method: 'accept-all', notice }]]]);
    // Gone: a second page does not carry it out again.
    expect(cookies()).not.toContain(MARKER);
    expect(takePending(window, MARKER)).toEqual([]);
  });

  it('drops what is not a decision call (a tampered or foreign value)', () => {
    for (const stored of ['{"x":1}', 'not json', '[["destroy",[]],["acceptAll","x"],"set"]', '[["rejectAll",[]],["open",["preferences"]]]']) {
      sessionStorage.setItem('assent.pending', stored);
      document.cookie = `${MARKER}=1; Path=/`;
      const taken = takePending(window, MARKER);
      expect(taken.every(([k, a]) => ['set', 'acceptAll', 'rejectAll', 'setSaleShareOptOut', 'setAge'].includes(k) && Array.isArray(a))).toBe(true);
      expect(cookies()).not.toContain(MARKER);
    }
    sessionStorage.setItem('assent.pending', '[["rejectAll",[]],["open",["preferences"]]]');
    expect(takePending(window, MARKER)).toEqual([['rejectAll', []]]);
  });
});
