// Loads the server-side consent cookie reader (examples/shared/consent-cookie.ts, bundled by
// examples/build.mjs because it reuses the SDK's TypeScript codec). Returns null when the bundle
// is missing, so the demo servers still start and say what to build.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/consent-cookie.mjs', import.meta.url));

/** @returns {Promise<((cookieHeader: string | undefined) => import('@assent/sdk').ConsentRecord | null) | null>} */
export async function loadConsentCookieReader() {
  if (!existsSync(bundle)) {
    console.warn(`[demo] ${bundle} is missing: run \`pnpm exec rollup -c\` (reading the consent cookie server-side is off)`);
    return null;
  }
  const mod = await import(pathToFileURL(bundle).href);
  return (header) => mod.readConsentCookie(header);
}
