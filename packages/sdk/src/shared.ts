/**
 * @internal What `assent.js` lends `assent-core.js`: functions both need, so a first visit
 * downloads them once. The engine's build (packages/embed/build.mjs, `SHARED`) turns its imports of
 * these names into reads of `window.AssentShared`, which the loader sets before it inserts the
 * engine; importing any other name of those modules fails that build, and a test holds this
 * object and the build's list equal.
 */
import { createEmitter } from './emitter.js';
import { readDnt, readGpc } from './signals/browser-signals.js';
import { pushConsentUpdate, pushDecisionEvent } from './signals/consent-mode.js';
import { grantsOf, limit, optOutSignal, regimeDefaults, sameGrants } from './state/defaults.js';
import { grantWatchers } from './state/watchers.js';
import { checksum } from './storage/checksum.js';

export const SHARED = {
  createEmitter,
  readDnt,
  readGpc,
  pushConsentUpdate,
  pushDecisionEvent,
  grantsOf,
  limit,
  optOutSignal,
  regimeDefaults,
  sameGrants,
  grantWatchers,
  checksum,
};
