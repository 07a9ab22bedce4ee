/**
 * The site config the scan checks against, validated by the SDK's own `parseConfig` (the same
 * checks the engine runs on the site, presets expanded): a file, a URL, an object, or what the
 * start page loads.
 */
import { readFile } from 'node:fs/promises';
import { ConfigError, parseConfig, type SiteConfig } from '@assent/sdk';
import { PRESETS } from '@assent/sdk/presets';
import { ScanError } from './errors.js';
import { fetchText, networkReason } from './fetch-text.js';

export interface LoadedConfig {
  config: SiteConfig;
  /** Parts replaced by safe defaults (malformed region rows). */
  warnings: string[];
  /** Where it came from: a path, a URL, `inline (start page)` or `object`. */
  source: string;
}

function validate(input: unknown, source: string): LoadedConfig {
  try {
    // `{ "preset": "meta-pixel" }` services expand to the vendor's definition, as on the site.
    const { config, warnings } = parseConfig(input, PRESETS);
    return { config, warnings, source };
  } catch (err) {
    if (err instanceof ConfigError) throw new ScanError('config', `${source}: ${err.message}`, { cause: err });
    throw err;
  }
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ScanError('config', `${source} is not valid JSON: ${(err as Error).message}`);
  }
}

async function fromUrl(url: string, userAgent: string, source: string): Promise<LoadedConfig> {
  let res;
  try {
    res = await fetchText(url, userAgent, 15_000);
  } catch (err) {
    throw new ScanError('config', `the config at ${url} could not be fetched (${networkReason(err)})`);
  }
  if (res.status !== 200) throw new ScanError('config', `the config at ${url} answered HTTP ${res.status}`);
  return validate(parseJson(res.text, source), source);
}

/**
 * Loads the config named by the user (a path, an http(s) URL or an object); without one, the
 * config the start page's Assent script tag names (`pageAttribute`, an URL or inline JSON).
 */
export async function loadConfig(
  given: string | object | undefined,
  page: { attribute: string | null; url: string },
  userAgent: string,
): Promise<LoadedConfig> {
  if (given !== undefined && typeof given !== 'string') return validate(given, 'config object');
  if (typeof given === 'string') {
    if (/^https?:\/\//i.test(given)) return fromUrl(given, userAgent, given);
    let text: string;
    try {
      text = await readFile(given, 'utf8');
    } catch (err) {
      throw new ScanError('config', `cannot read the config file ${given}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    return validate(parseJson(text, given), given);
  }
  const attr = page.attribute?.trim();
  if (!attr) throw new ScanError('noBanner', `no Assent script tag (data-assent-config) on ${page.url}; is Assent on this page? Pass --config to name the config`);
  if (attr.startsWith('{')) return validate(parseJson(attr, `the inline config on ${page.url}`), `inline config on ${page.url}`);
  const url = new URL(attr, page.url).href;
  return fromUrl(url, userAgent, url);
}
