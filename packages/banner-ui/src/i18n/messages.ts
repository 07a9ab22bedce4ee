/**
 * Builds the strings the UI shows: English, overlaid by the visitor's catalogue, overlaid by the
 * site's own texts. Only known keys with string values are taken, so a typo in a site config or
 * a partial catalogue never blanks a label.
 */
import { en, type MessageKey, type Messages } from './en.js';

/** A catalogue as shipped or as loaded at run time: any subset of the keys. */
export type Catalogue = Partial<Messages>;

export function buildMessages(...layers: Array<Record<string, unknown> | undefined>): Messages {
  const out: Messages = { ...en };
  for (const layer of layers) {
    if (!layer) continue;
    for (const key of Object.keys(en) as MessageKey[]) {
      const value = layer[key];
      if (typeof value === 'string' && value.trim()) out[key] = value;
    }
  }
  return out;
}
