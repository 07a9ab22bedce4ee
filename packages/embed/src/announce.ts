/**
 * What Consent Mode hears on a page, in one order on every path (a first visit, the engine's, the
 * saved verdict's replay), so tags see the same sequence whichever file did the work:
 * 1. `default`: the defaults of the regime known when `assent.js` starts (an inline config and a
 *    region attribute), else everything denied, with `wait_for_update`;
 * 2. once the regime is known, an `update` to its defaults when they differ from 1;
 * 3. once a record applies, an `update` to what it grants when that differs.
 * The engine goes on from what was told (`Announced`) and makes step 3's call on every decision.
 */
import { pushConsentDefault, pushConsentUpdate, pushDecisionEvent, type Announced } from '@assent/sdk/internal';

const NOTHING: Announced = { decisions: { functional: false, analytics: false, advertising: false }, services: {} };

/** Whether two announcements grant the same categories and services. */
const same = (a: Announced, b: Announced) =>
  (['functional', 'analytics', 'advertising'] as const).every((c) => a.decisions[c] === b.decisions[c]) &&
  Object.keys({ ...a.services, ...b.services }).every((id) => !!a.services[id] === !!b.services[id]);

/** Announces to the page's dataLayer, remembering what it was last told. */
export function createAnnouncer(win: Window) {
  let told = NOTHING;
  let enabled = true;
  return {
    /** Step 1, the first thing on the page: the regime's defaults if known now, else nothing granted. */
    default(state: Announced | null, waitForUpdate: number, on: boolean) {
      told = state ?? NOTHING;
      enabled = on;
      if (on) pushConsentDefault(win, told.decisions, waitForUpdate);
    },
    /** Steps 2 and 3: an update (and the dataLayer event) when `state` differs from what was told. */
    update(state: Announced, detail: { method: string; regime: string }) {
      if (same(told, state)) return;
      told = state;
      if (!enabled) return;
      pushConsentUpdate(win, state.decisions);
      pushDecisionEvent(win, state.decisions, detail);
    },
    /** What the page has been told so far. */
    get told(): Announced {
      return told;
    },
  };
}
export type Announcer = ReturnType<typeof createAnnouncer>;
