/**
 * `assent-presets.js`: the presets table for the script tag, loaded only when a config names a
 * preset, so neither `assent.js` nor the engine carries it. Sets `window.AssentPresets`.
 */
import { PRESETS } from './data.js';

(window as Window & { AssentPresets?: typeof PRESETS }).AssentPresets = PRESETS;
