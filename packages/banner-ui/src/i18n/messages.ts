/**
 * Builds the strings the UI shows: the visitor's catalogue, overlaid by the site's own texts.
 * Only the catalogue's keys with non-blank string values are taken, so a typo in a site config
 * never adds a key and a blank override never blanks a label.
 */
import type { MessageKey, Messages } from './en.js';

export function buildMessages(catalogue: Messages, overrides?: Record<string, unknown>): Messages {
  const out = { ...catalogue };
  if (overrides)
    for (const key in catalogue) {
      const value = overrides[key];
      if (typeof value === 'string' && value.trim()) out[key as MessageKey] = value;
    }
  return out;
}
