// Starts the whole demo in one process: the fake third-party origin, server-sync, the marketing
// site and the Portal. Used by `npm run demo` (examples/demo.mjs) and by the end-to-end suite,
// which passes port 0 everywhere to run beside a live demo.
import { createServer } from 'node:net';
import { mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startThirdParty } from './third-party/server.mjs';
import { startMarketingSite } from './marketing-site/server.mjs';
import { startPortal } from './portal/server.mjs';
import { seedTraffic } from './shared/seed-traffic.mjs';
import { DEMO_POLICY_VERSION } from './shared/site-config.mjs';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Default demo ports (ARCHITECTURE.md, public contract). */
export const DEFAULT_PORTS = Object.freeze({ site: 4173, portal: 4174, thirdParty: 4175, sync: 8787 });

/** A free loopback port: the servers need each other's URLs before they listen. */
function freePort(host) {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, host, () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/** Bundles the browser needs, with who serves them. */
const BUNDLES = [
  ['packages/embed/dist/assent.js', 'the marketing site runs without Assent (every gated tag stays blocked)'],
  ['packages/embed/dist/assent-core.js', 'first visits and decisions on the marketing site fail (every gated tag stays blocked)'],
  ['packages/embed/dist/assent-ui.js', 'the banner and preferences cannot open on the marketing site'],
  ['examples/dist/consent-cookie.mjs', 'the demo back ends cannot read the consent cookie (no /inspect receipts, no Portal links)'],
  ['examples/portal/dist/app.js', 'the Portal shows only a "not built" notice'],
  ['packages/console/dist/console.js', 'the privacy console at server-sync /console answers 503'],
];

/** Loads server-sync's start function, or explains why it cannot. */
async function loadServerSync() {
  try {
    const mod = await import('@assent/server-sync');
    if (typeof mod.startServer !== 'function') return { error: '@assent/server-sync does not export startServer yet' };
    return { startServer: mod.startServer };
  } catch (err) {
    return { error: `@assent/server-sync is not built (${err.code ?? err.message}): run \`pnpm exec rollup -c\`` };
  }
}

/**
 * Starts every demo server. Pieces that are not built yet are skipped and listed in `missing`.
 * @param {import('./demo-stack.d.mts').DemoStackOptions} [options]
 * @returns {Promise<import('./demo-stack.d.mts').DemoStack>}
 */
export async function startDemoStack(options = {}) {
  const host = options.host ?? '127.0.0.1';
  const apiKey = options.apiKey ?? 'demo-admin-key';
  const wanted = { ...DEFAULT_PORTS, ...options.ports };
  const ports = {};
  for (const [name, port] of Object.entries(wanted)) ports[name] = port === 0 ? await freePort(host) : port;

  const siteUrl = `http://${host}:${ports.site}`;
  const portalUrl = `http://${host}:${ports.portal}`;
  const syncUrl = `http://${host}:${ports.sync}`;
  const missing = BUNDLES.filter(([file]) => !existsSync(join(repoRoot, file))).map(
    ([file, effect]) => `${file} is not built (run \`pnpm exec rollup -c\`): ${effect}`,
  );
  const closers = [];
  const close = async () => {
    // Reverse start order: the front ends stop before the services they call.
    for (const c of closers.reverse()) await c().catch(() => {});
  };

  try {
    const thirdParty = await startThirdParty({ port: ports.thirdParty, host });
    closers.push(() => thirdParty.close());

    let sync = null;
    const loaded = await loadServerSync();
    if (loaded.startServer) {
      const dbFile = options.dbFile ?? join(repoRoot, '.data', 'assent.db');
      if (dbFile !== ':memory:') await mkdir(dirname(dbFile), { recursive: true });
      sync = await loaded.startServer({
        port: ports.sync,
        host,
        dbFile,
        apiKey,
        allowedOrigins: [siteUrl, portalUrl],
        policyVersion: DEMO_POLICY_VERSION,
        demo: true,
        ...options.serverSync,
      });
      closers.push(() => sync.close());
    } else missing.push(`server-sync: ${loaded.error}`);

    const site = await startMarketingSite({ port: ports.site, host, thirdPartyPort: thirdParty.port, serverSyncUrl: syncUrl, apiKey, portalUrl });
    closers.push(() => site.close());
    const portal = await startPortal({ port: ports.portal, host, serverSyncUrl: syncUrl, apiKey, marketingUrl: siteUrl, thirdPartyPort: thirdParty.port });
    closers.push(() => portal.close());

    // A month of past decisions and Portal links, so the privacy console's charts have something to show.
    const seeded = sync && options.seedTraffic ? await seedTraffic(sync.url, apiKey) : null;

    return {
      urls: {
        site: site.url, portal: portal.url, thirdParty: thirdParty.url, sync: sync ? sync.url ?? syncUrl : null,
        console: sync ? `${sync.url ?? syncUrl}/console` : null,
      },
      apiKey,
      thirdParty,
      serverSync: sync,
      seeded,
      missing,
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
