#!/usr/bin/env node
// `npm run scan:demo`: starts the whole demo in-process on free ports and scans it in three
// regions, as a site owner would scan their site. Extra arguments go to assent-scan (e.g.
// `npm run scan:demo -- --pages 3`). Reports: e2e/out/scan-demo.json and e2e/out/scan-demo.html.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, startDemoStack } from '../../../examples/demo-stack.mjs';
import { runCli } from '../dist/index.js';

const dir = await mkdtemp(join(tmpdir(), 'assent-scan-demo-'));
const stack = await startDemoStack({
  ports: { site: 0, portal: 0, thirdParty: 0, sync: 0 },
  dbFile: join(dir, 'assent.db'),
  serverSync: { log: () => {} },
});
let code = 70;
try {
  if (stack.missing.length) console.error(`demo incomplete:\n  ${stack.missing.join('\n  ')}`);
  code = await runCli([
    `${stack.urls.site}/?region=FR`,
    '--regions', 'FR,US-CA,CA-QC',
    '--region-via', 'query=region',
    '--pages', '7',
    '--necessary-cookie', 'demo_region=Remembers the demo region',
    // The /tag-manager page loads its container before consent on purpose (Consent Mode governs its tags).
    '--necessary-host', 'www.googletagmanager.com.localhost/gtm.js',
    '--out', join(repoRoot, 'e2e/out/scan-demo.json'),
    '--html', join(repoRoot, 'e2e/out/scan-demo.html'),
    ...process.argv.slice(2),
  ]);
  console.log(`Reports: e2e/out/scan-demo.json, e2e/out/scan-demo.html (exit code ${code})`);
} finally {
  await stack.close();
  await rm(dir, { recursive: true, force: true });
}
process.exitCode = code;
