/**
 * Vendor presets as the scanner uses them: to name the vendor behind an undeclared host or cookie,
 * and to suggest `{ "preset": id }` instead of a service written out.
 */
import type { CookieSpec, OptionalCategory } from '@assent/sdk';
import { cookieNamePattern, hostMatches } from './classify.js';

/** The parts of a vendor preset (`@assent/sdk` presets' `VendorPreset`) the scanner reads. */
export interface PresetMatch {
  id: string;
  name: string;
  provider: string;
  category: OptionalCategory;
  purpose: string;
  hosts: string[];
  cookies: CookieSpec[];
}

export interface PresetCatalogue {
  forUrl(url: URL): PresetMatch | undefined;
  forCookie(name: string): PresetMatch | undefined;
}

/**
 * A catalogue over a list of presets. The most specific host pattern wins (a host + path prefix
 * over a bare host, a bare host over a `*.` wildcard), as two vendors may share a host.
 */
export function presetCatalogue(presets: readonly PresetMatch[]): PresetCatalogue {
  const specificity = (pattern: string) => (pattern.includes('/') ? 2 : pattern.startsWith('*.') ? 0 : 1) * 1000 + pattern.length;
  return {
    forUrl(url) {
      let best: { p: PresetMatch; score: number } | undefined;
      for (const p of presets)
        for (const h of p.hosts)
          if (hostMatches(h, url) && (!best || specificity(h) > best.score)) best = { p, score: specificity(h) };
      return best?.p;
    },
    forCookie(name) {
      return presets.find((p) => p.cookies.some((c) => cookieNamePattern(c.name).test(name)));
    },
  };
}

export const NO_PRESETS: PresetCatalogue = presetCatalogue([]);
