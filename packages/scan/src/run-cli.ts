/**
 * The `assent-scan` command: arguments in, reports written, exit code out. Kept apart from the
 * bin file so tests run it in-process.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT, ScanError } from './errors.js';
import { renderHtml } from './html.js';
import type { NecessaryCookie, RegionVia, ScanOptions } from './options.js';
import type { ScanReport } from './report.js';
import { scan } from './scan.js';
import { exitCodeFor } from './verdict.js';
import { SCAN_VERSION } from './version.js';

export const USAGE = `Usage: assent-scan <start-url> [options]

Audits a site that uses Assent in headless Chromium: for each region, in fresh profiles, before any
decision, after "Reject all" and after "Accept all". Reports leaks, undeclared and stale
declarations, and a cookie table.

  --config <file|url>          site config to check against (default: the one the start page loads)
  --regions <FR,US-CA,...>     regions to scan (default: whatever region the site decides)
  --region-via <how>           how the site learns the region: attribute (default: data-assent-region
                               on Assent's script tag), query=<param> (e.g. query=region) or
                               header=<name> (e.g. header=CF-IPCountry)
  --pages <n>                  pages per state, start page included (default 10)
  --out <file>                 write the JSON report
  --html <file>                write the HTML report
  --strict                     exit 2 when anything is undeclared (leaks always exit 1)
  --necessary-cookie <name[=purpose]>  a cookie of the site's own it needs to work (repeatable, * wildcard)
  --necessary-host <host>      a third-party host the site loads before consent on purpose: a CDN,
                               fonts, a tag manager container under Consent Mode
                               (www.googletagmanager.com/gtm.js); repeatable
  --concurrency <n>            browser profiles at once (default 2)
  --max-time <seconds>         time budget of the whole scan (default 600)
  --page-timeout <seconds>     budget of one page load (default 30)
  --settle <ms>                wait after each page loads before recording (default 1500)
  --banner-timeout <ms>        wait for the banner (default 8000)
  --ignore-robots              do not obey robots.txt (only for a site you run)
  --chromium <path>            Chromium or Chrome executable (default: CHROMIUM_PATH, then usual paths)
  --quiet                      no progress on stderr
  --help, --version

Exit codes: 0 clean, 1 leaks, 2 undeclared items (--strict), 3 bad arguments, 4 invalid or
unreadable config, 5 site unreachable, 6 start URL not HTML, 7 no Assent banner found,
8 robots.txt disallows the start URL, 9 Chromium did not start, 70 internal error.`;

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIO: CliIO = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };

function number(value: string | undefined, what: string, scale = 1): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || value.trim() === '') throw new ScanError('usage', `${what} must be a number (got "${value}")`);
  return Math.round(n * scale);
}

function regionVia(value: string | undefined): RegionVia | undefined {
  if (value === undefined || value === 'attribute') return value === undefined ? undefined : { kind: 'attribute' };
  const m = /^(query|header)=(.+)$/.exec(value);
  if (!m) throw new ScanError('usage', `--region-via must be attribute, query=<param> or header=<name> (got "${value}")`);
  return { kind: m[1] as 'query' | 'header', name: m[2]! };
}

const list = (values: string[] | undefined) => (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);

function necessaryCookies(values: string[] | undefined): NecessaryCookie[] {
  return (values ?? []).map((v) => {
    const i = v.indexOf('=');
    return i < 0 ? { name: v.trim() } : { name: v.slice(0, i).trim(), purpose: v.slice(i + 1).trim() };
  });
}

/** Parses arguments into scan options plus where to write. Throws a `usage` ScanError. */
export function parseCli(argv: string[]): { help: true } | { version: true } | { options: ScanOptions; out?: string; html?: string; quiet: boolean } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        config: { type: 'string' },
        regions: { type: 'string', multiple: true },
        'region-via': { type: 'string' },
        pages: { type: 'string' },
        out: { type: 'string' },
        html: { type: 'string' },
        strict: { type: 'boolean' },
        'necessary-cookie': { type: 'string', multiple: true },
        'necessary-host': { type: 'string', multiple: true },
        concurrency: { type: 'string' },
        'max-time': { type: 'string' },
        'page-timeout': { type: 'string' },
        settle: { type: 'string' },
        'banner-timeout': { type: 'string' },
        'ignore-robots': { type: 'boolean' },
        chromium: { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
    });
  } catch (err) {
    throw new ScanError('usage', (err as Error).message);
  }
  const { values: v, positionals } = parsed;
  if (v.help) return { help: true };
  if (v.version) return { version: true };
  if (positionals.length !== 1) throw new ScanError('usage', positionals.length ? `one start URL expected, got ${positionals.length}` : 'the start URL is missing');
  return {
    out: v.out,
    html: v.html,
    quiet: v.quiet ?? false,
    options: {
      url: positionals[0]!,
      config: v.config,
      regions: list(v.regions),
      regionVia: regionVia(v['region-via']),
      pages: number(v.pages, '--pages'),
      strict: v.strict ?? false,
      necessaryCookies: necessaryCookies(v['necessary-cookie']),
      necessaryHosts: list(v['necessary-host']),
      concurrency: number(v.concurrency, '--concurrency'),
      maxTimeMs: number(v['max-time'], '--max-time', 1000),
      pageTimeoutMs: number(v['page-timeout'], '--page-timeout', 1000),
      settleMs: number(v.settle, '--settle'),
      bannerTimeoutMs: number(v['banner-timeout'], '--banner-timeout'),
      respectRobots: !v['ignore-robots'],
      chromiumPath: v.chromium,
    },
  };
}

async function write(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
}

/** A few lines for the CI log: the verdict and each leak. */
export function summaryText(report: ScanReport): string {
  const s = report.summary;
  const lines = [
    `assent-scan ${report.site.origin}: ${s.leaks} leak(s), ${s.undeclared} undeclared, ${s.stale} stale — ${s.pages} page(s) × ${s.regions} region(s) × 3 states${report.complete ? '' : ' (incomplete)'}`,
    ...report.leaks.map((l) => `  leak ${l.kind} ${l.name}${l.domain ? ` (${l.domain})` : ''}: ${l.reason}; e.g. ${l.occurrences[0]?.region} · ${l.occurrences[0]?.state} · ${l.occurrences[0]?.page}`),
    ...report.undeclared.map((u) => `  undeclared ${u.kind} ${u.name}${u.preset ? ` (preset ${u.preset})` : ''}`),
    ...report.warnings.map((w) => `  warning: ${w}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** Runs the command; resolves with the exit code (never throws). */
export async function runCli(argv: string[], io: CliIO = processIO): Promise<number> {
  try {
    const cli = parseCli(argv);
    if ('help' in cli) {
      io.stdout(`${USAGE}\n`);
      return EXIT.ok;
    }
    if ('version' in cli) {
      io.stdout(`${SCAN_VERSION}\n`);
      return EXIT.ok;
    }
    const t0 = Date.now();
    const progress = (m: string) => io.stderr(`[assent-scan ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}\n`);
    const { report, screenshots } = await scan({ ...cli.options, onProgress: cli.quiet ? undefined : progress });
    if (cli.out) await write(cli.out, `${JSON.stringify(report, null, 2)}\n`);
    if (cli.html) await write(cli.html, renderHtml(report, screenshots));
    io.stdout(summaryText(report));
    return exitCodeFor(report, cli.options.strict ?? false);
  } catch (err) {
    if (err instanceof ScanError) {
      io.stderr(`assent-scan: ${err.message}\n`);
      if (err.kind === 'usage') io.stderr('Run assent-scan --help for the options.\n');
      return err.exitCode;
    }
    io.stderr(`assent-scan: internal error: ${(err as Error)?.stack ?? String(err)}\n`);
    return EXIT.internal;
  }
}
