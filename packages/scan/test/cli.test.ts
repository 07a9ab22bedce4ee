import { createServer, type Server } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCli, runCli } from '../src/run-cli.js';
import { EXIT } from '../src/errors.js';
import { exitCodeFor } from '../src/verdict.js';

/** Runs the command in-process; what a user would see on each stream, and the exit code. */
async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const VALID = { policyVersion: '1', privacyPolicyUrl: '/privacy', services: [] };

let server: Server;
let origin = '';
let dir = '';
/** A loopback URL where nothing listens. */
let closed = '';
beforeAll(async () => {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  closed = `http://127.0.0.1:${(probe.address() as { port: number }).port}/`;
  await new Promise<void>((r) => probe.close(() => r()));
  dir = await mkdtemp(join(tmpdir(), 'assent-scan-cli-'));
  server = createServer((req, res) => {
    if (req.url === '/robots.txt') return res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: assent-scan\nDisallow: /private\n');
    if (req.url === '/api') return res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    if (req.url === '/gone') return res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>x</title><p>no Assent here');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await rm(dir, { recursive: true, force: true });
});

describe('bad input gets a clear message and its own exit code', () => {
  it('3: arguments', async () => {
    for (const argv of [[], ['a', 'b'], ['ftp://example.com'], ['not a url'], ['https://x.example', '--pages', 'ten'], ['https://x.example', '--pages', '0'], ['https://x.example', '--regions', 'France'], ['https://x.example', '--region-via', 'cookie'], ['https://x.example', '--necessary-host', 'https://cdn.example'], ['https://x.example', '--bogus']]) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(EXIT.usage);
      expect(r.stderr).toMatch(/^assent-scan: .+\nRun assent-scan --help/);
    }
  });

  it('4: a config that is missing, not JSON, or fails the SDK’s validation (naming the field), before any request', async () => {
    const missing = await cli(`${origin}/`, '--config', join(dir, 'nope.json'));
    expect(missing.code).toBe(EXIT.config);
    expect(missing.stderr).toContain('cannot read the config file');
    await writeFile(join(dir, 'broken.json'), '{ "policyVersion": ');
    expect((await cli(`${origin}/`, '--config', join(dir, 'broken.json'))).stderr).toContain('is not valid JSON');
    await writeFile(join(dir, 'invalid.json'), JSON.stringify({ ...VALID, services: [{ id: 'x', name: 'X' }] }));
    const invalid = await cli(closed, '--config', join(dir, 'invalid.json')); // nothing listens there, and nothing is asked
    expect(invalid.code).toBe(EXIT.config);
    expect(invalid.stderr).toContain('/services/0/provider');
  });

  it('5: an unreachable site or an HTTP error', async () => {
    const refused = await cli(closed, '--quiet');
    expect(refused.code).toBe(EXIT.unreachable);
    expect(refused.stderr).toContain('unreachable (ECONNREFUSED)');
    const gone = await cli(`${origin}/gone`, '--quiet');
    expect(gone.code).toBe(EXIT.unreachable);
    expect(gone.stderr).toContain('HTTP 404');
  });

  it('6: a start URL that is not HTML', async () => {
    const r = await cli(`${origin}/api`, '--quiet');
    expect(r.code).toBe(EXIT.notHtml);
    expect(r.stderr).toContain('not an HTML page (Content-Type: application/json)');
  });

  it('8: robots.txt says no, unless told to ignore it', async () => {
    const r = await cli(`${origin}/private/page`, '--quiet');
    expect(r.code).toBe(EXIT.robots);
    expect(r.stderr).toContain('--ignore-robots');
    const ignored = await cli(`${origin}/private/page`, '--quiet', '--ignore-robots', '--chromium', join(dir, 'no-chromium'));
    expect(ignored.code).toBe(EXIT.browser);
  });

  it('9: no Chromium', async () => {
    const r = await cli(`${origin}/`, '--quiet', '--chromium', join(dir, 'no-chromium'));
    expect(r.code).toBe(EXIT.browser);
    expect(r.stderr).toContain('Chromium not found');
  });
});

describe('arguments', () => {
  it('are read into scan options', () => {
    const parsed = parseCli([
      'https://www.example.com/?region=FR', '--regions', 'FR,us-ca', '--regions', 'CA-QC', '--region-via', 'header=CF-IPCountry', '--pages', '25',
      '--necessary-cookie', 'sess=Keeps you signed in', '--necessary-cookie', 'csrf', '--necessary-host', 'fonts.gstatic.com,cdn.example.net', '--necessary-host', 'www.googletagmanager.com/gtm.js',
      '--max-time', '90', '--page-timeout', '20', '--settle', '500', '--strict', '--ignore-robots', '--out', 'r.json', '--html', 'r.html',
    ]);
    expect(parsed).toEqual({
      out: 'r.json',
      html: 'r.html',
      quiet: false,
      options: expect.objectContaining({
        url: 'https://www.example.com/?region=FR',
        regions: ['FR', 'us-ca', 'CA-QC'],
        regionVia: { kind: 'header', name: 'CF-IPCountry' },
        pages: 25,
        strict: true,
        necessaryCookies: [{ name: 'sess', purpose: 'Keeps you signed in' }, { name: 'csrf' }],
        necessaryHosts: ['fonts.gstatic.com', 'cdn.example.net', 'www.googletagmanager.com/gtm.js'],
        maxTimeMs: 90_000,
        pageTimeoutMs: 20_000,
        settleMs: 500,
        respectRobots: false,
      }),
    });
  });

  it('--help and --version exit 0', async () => {
    expect(await cli('--help')).toMatchObject({ code: 0, stdout: expect.stringContaining('Exit codes: 0 clean, 1 leaks') });
    expect(await cli('--version')).toMatchObject({ code: 0, stdout: '0.1.0\n' });
  });
});

describe('the verdict', () => {
  const leak = { id: 'request:x' } as never;
  const item = { id: 'host:x' } as never;
  it('fails on any leak, and on undeclared items only with --strict', () => {
    expect(exitCodeFor({ leaks: [leak], undeclared: [] }, false)).toBe(EXIT.leaks);
    expect(exitCodeFor({ leaks: [leak], undeclared: [item] }, true)).toBe(EXIT.leaks);
    expect(exitCodeFor({ leaks: [], undeclared: [item] }, false)).toBe(EXIT.ok);
    expect(exitCodeFor({ leaks: [], undeclared: [item] }, true)).toBe(EXIT.undeclared);
    expect(exitCodeFor({ leaks: [], undeclared: [] }, true)).toBe(EXIT.ok);
  });
});
