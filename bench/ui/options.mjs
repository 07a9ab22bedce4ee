// Command-line options shared by bench/ui.mjs and bench/profile-first-visit.mjs, and the list of
// libraries they describe.
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { PEERS, assent, describeEmbed, parseAssentEmbed } from './libraries.mjs';
import { NETWORKS } from './visit.mjs';
import { PAGES } from './page.mjs';

export const DEFAULT_BUILD = 'packages/embed/dist';

const list = (s) => s.split(',').map((x) => x.trim()).filter(Boolean);

/**
 * @param {Record<string, import('node:util').ParseArgsOptionConfig>} extra  tool-specific options
 * @param {Record<string, string>} defaults  tool-specific defaults for the shared ones
 */
export function readOptions(extra = {}, defaults = {}) {
  try {
    return parse(extra, defaults);
  } catch (err) {
    console.error(`${err.message}\n(--help lists the options)`);
    process.exit(2);
  }
}

function parse(extra, defaults) {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: defaults.runs ?? '9' },
      cpu: { type: 'string', default: defaults.cpu ?? '1,4' },
      net: { type: 'string', default: defaults.net ?? 'none,slow4g,fast4g' },
      libs: { type: 'string', default: defaults.libs ?? 'none,assent,vanilla,osano,klaro' },
      assent: { type: 'string', multiple: true },
      'assent-build': { type: 'string', multiple: true },
      page: { type: 'string', default: 'hero' },
      viewport: { type: 'string', default: '1280x800' },
      help: { type: 'boolean', short: 'h' },
      ...extra,
    },
    strict: true,
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs: a positive integer');
  const cpus = list(values.cpu).map(Number);
  if (!cpus.length || cpus.some((c) => !(c >= 1))) throw new Error('--cpu: slowdown factors ≥ 1, e.g. 1,4');
  const nets = list(values.net);
  for (const n of nets) if (!(n in NETWORKS)) throw new Error(`--net: one of ${Object.keys(NETWORKS).join(', ')}`);
  if (!PAGES.includes(values.page)) throw new Error(`--page: one of ${PAGES.join(', ')}`);
  const [w, h] = values.viewport.split('x').map(Number);
  if (!(w > 0 && h > 0)) throw new Error('--viewport: WIDTHxHEIGHT');
  const wanted = list(values.libs);
  for (const l of wanted) if (l !== 'assent' && !(l in PEERS)) throw new Error(`--libs: assent or ${Object.keys(PEERS).join(', ')}`);
  return { values, runs, cpus, nets, page: values.page, viewport: { width: w, height: h }, libraries: libraries(wanted, values) };
}

/**
 * The page alone first (when asked for), then Assent: every `--assent-build label=dir[:dir...]`
 * (default: this checkout's dist folders) with every `--assent` embed (default `inline,FR,sync`),
 * then the peers asked for.
 */
function libraries(wanted, values) {
  const builds = (values['assent-build'] ?? [`=${DEFAULT_BUILD}`]).map((spec, i) => {
    const eq = spec.indexOf('=');
    const label = eq > 0 ? spec.slice(0, eq) : '';
    const dirs = (eq >= 0 ? spec.slice(eq + 1) : spec).split(':').filter(Boolean);
    for (const d of dirs) if (!existsSync(`${d}`)) throw new Error(`--assent-build: no folder ${d} (run \`pnpm build\` first?)`);
    if (!dirs.some((d) => existsSync(`${d}/assent.js`))) throw new Error(`--assent-build: none of ${dirs.join(', ')} has assent.js (run \`pnpm build\` first?)`);
    return { label: label || (i ? `build ${i + 1}` : ''), dirs, prefix: i ? `/assent-${i + 1}/` : '/assent/' };
  });
  const embeds = (values.assent ?? ['inline,FR,sync']).map(parseAssentEmbed);
  const out = wanted.includes('none') ? [PEERS.none] : [];
  if (wanted.includes('assent'))
    for (const b of builds)
      for (const e of embeds) {
        const parts = [b.label, embeds.length > 1 ? `(${describeEmbed(e)})` : ''].filter(Boolean);
        out.push(assent({ id: `assent-${out.filter((l) => l.mounts).length + 1}`, label: ['Assent', ...parts].join(' '), prefix: b.prefix, dirs: b.dirs, embed: e }));
      }
  for (const l of wanted) if (l in PEERS && l !== 'none') out.push(PEERS[l]);
  return out;
}

export const SHARED_HELP = `  --runs N              runs per library and condition (alternated across libraries)
  --cpu 1,4             CPU slowdowns (CDP Emulation.setCPUThrottlingRate)
  --net none,slow4g,fast4g
                        network emulation (CDP Network.emulateNetworkConditions): none = loopback,
                        slow4g = 150 ms / 1.6 Mbps down / 750 kbps up, fast4g = 40 ms / 9 / 1.5 Mbps
  --libs none,assent,vanilla,osano,klaro
                        none: the page alone (the baseline for LCP and long tasks)
  --assent SPEC         Assent's embed, repeatable (one column each), words separated by commas:
                        inline|url (config in data-assent-config or fetched from a URL),
                        FR|<region>|none (data-assent-region; none: asked of server-sync's /v1/region),
                        sync|async, and optionally bar|box|modal. Default: inline,FR,sync
                        (the README's embed: first in <head>, synchronous)
  --assent-build [LABEL=]DIR[:DIR...]
                        an Assent build served as one folder, repeatable (compare builds in one run).
                        Default: ${DEFAULT_BUILD}
  --page hero|sparse    the test page (hero: hero image + text; sparse: one short paragraph)
  --viewport 1280x800`;
