import { normalizeRegion } from './region-code.js';
import type { RegionState } from './region.js';
import { resolveRegime } from './resolve.js';
import type { RegionOverride } from './types.js';

/**
 * Asks server-sync for the visitor's region. Resolves to a normalised code, or `null` with a
 * console warning when the endpoint hangs past `timeoutMs`, fails, or answers garbage.
 */
export async function fetchRegion(fetchFn: typeof fetch, baseUrl: string, timeoutMs: number): Promise<string | null> {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), timeoutMs);
  try {
    const res = await fetchFn(`${baseUrl}/v1/region`, { signal: ctrl.signal, credentials: 'omit' });
    if (!res.ok) throw new Error(`status ${res.status}`);
    const body = (await res.json()) as { region?: unknown };
    if (body?.region === null) return null;
    const region = normalizeRegion(body?.region);
    if (!region) throw new Error('malformed answer');
    return region;
  } catch (err) {
    console.warn(`[assent] region lookup failed (${(err as Error).name === 'AbortError' ? `no answer in ${timeoutMs} ms` : (err as Error).message}); applying the strictest regime`);
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** Starts server-sync's region lookup: the region state while it runs, settling with the answer's regime. */
export const askRegion = (
  fetchFn: typeof fetch,
  serverSync: { url: string; regionTimeoutMs: number },
  overrides?: Readonly<Record<string, RegionOverride>>,
): RegionState => ({
  state: 'asking',
  regime: fetchRegion(fetchFn, serverSync.url, serverSync.regionTimeoutMs).then((code) =>
    resolveRegime(code, code ? 'endpoint' : 'fallback', overrides),
  ),
});
