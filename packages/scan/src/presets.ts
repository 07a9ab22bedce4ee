/**
 * Vendor presets as the scanner uses them: to name the vendor behind an undeclared host or cookie,
 * and to suggest `{ "preset": id }` instead of a service written out.
 */
import { presetForCookie, presetForUrl, type VendorPreset } from '@assent/sdk/presets';
import { bestHostMatch, cookieNamePattern } from './classify.js';

/** The parts of a vendor preset the scanner reads. */
export type PresetMatch = Pick<VendorPreset, 'id' | 'name' | 'provider' | 'category' | 'purpose' | 'hosts' | 'cookies'>;

export interface PresetCatalogue {
  /** The preset whose hosts hold this URL, the most specific first. */
  forUrl(url: URL): PresetMatch | undefined;
  /** The likeliest preset for a cookie, by name (and by domain where a preset names one). */
  forCookie(name: string, domain?: string): PresetMatch | undefined;
}

/**
 * A catalogue over a list of presets. The most specific host pattern wins (a host + path prefix
 * over a bare host, a bare host over a `*.` wildcard), as two vendors may share a host.
 */
export function presetCatalogue(presets: readonly PresetMatch[]): PresetCatalogue {
  return {
    forUrl: (url) => bestHostMatch(url, presets),
    forCookie: (name) => presets.find((p) => p.cookies.some((c) => cookieNamePattern(c.name).test(name))),
  };
}

export const NO_PRESETS: PresetCatalogue = presetCatalogue([]);

/** The SDK's curated vendors (`@assent/sdk/presets`), looked up as the SDK looks them up: the scan's default. */
export const SDK_PRESETS: PresetCatalogue = {
  forUrl: (url) => presetForUrl(url),
  forCookie: (name, domain) => presetForCookie(name, domain),
};
