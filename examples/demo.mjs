#!/usr/bin/env node
// `npm run demo`: runs the whole product on loopback with embedded defaults, after `rollup -c`.
// Ports come from ASSENT_SITE_PORT, ASSENT_PORTAL_PORT, ASSENT_THIRD_PARTY_PORT and
// ASSENT_SYNC_PORT; the server-sync API key from ASSENT_API_KEY; server-sync's SQLite file from
// ASSENT_DEMO_DB (default .data/assent.db). Ctrl-C stops everything.
import { DEFAULT_PORTS, startDemoStack } from './demo-stack.mjs';

function portFromEnv(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    console.error(`${name}=${raw} is not a port number (0-65535)`);
    process.exit(2);
  }
  return n;
}

const ports = {
  site: portFromEnv('ASSENT_SITE_PORT', DEFAULT_PORTS.site),
  portal: portFromEnv('ASSENT_PORTAL_PORT', DEFAULT_PORTS.portal),
  thirdParty: portFromEnv('ASSENT_THIRD_PARTY_PORT', DEFAULT_PORTS.thirdParty),
  sync: portFromEnv('ASSENT_SYNC_PORT', DEFAULT_PORTS.sync),
};
const apiKey = process.env.ASSENT_API_KEY || 'demo-admin-key';
const dbFile = process.env.ASSENT_DEMO_DB || undefined;

let stack;
try {
  stack = await startDemoStack({ ports, apiKey, dbFile, seedTraffic: true });
} catch (err) {
  const hint = err.code === 'EADDRINUSE' ? ` (port ${err.port} is taken: set the matching ASSENT_*_PORT)` : '';
  console.error(`The demo could not start: ${err.message}${hint}`);
  process.exit(1);
}

const { urls } = stack;
const tp = urls.thirdParty.replace(/^http:\/\/[^:]+/, '');
console.log(`
Assent demo is running.

  Marketing site   ${urls.site}            try ${urls.site}/?region=FR, CA-QC, US-CA, BR, VN, unknown
  Inspect consent  ${urls.site}/inspect
  Portal           ${urls.portal}            (fake login: any email)
  Third parties    http://analytics.localhost${tp}, ads.localhost, video.localhost, chat.localhost (request log: ${urls.thirdParty}/requests)
  server-sync      ${urls.sync ?? 'not running'}
  API key          ${apiKey}${process.env.ASSENT_API_KEY ? '' : '   (set ASSENT_API_KEY to change it)'}
  Privacy console  ${urls.console ?? 'not running'}   sign in with ${apiKey} (privacy officer)${stack.seeded
    ? `\n                   ${stack.seeded.skipped ? `charts: the data already stored in ${dbFile ?? '.data/assent.db'}` : `charts: ${stack.seeded.accepted} decisions of the last 30 days and ${stack.seeded.links} Portal links, sent at start`}`
    : ''}
`);
for (const m of stack.missing) console.log(`  ! not started: ${m}`);
console.log('Press Ctrl-C to stop.');

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the demo…`);
  const force = setTimeout(() => process.exit(1), 5000);
  force.unref();
  await stack.close();
  console.log('Stopped.');
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
