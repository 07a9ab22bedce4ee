/**
 * Runs the real CLI in a child process (bundled from source with esbuild once per test run), so
 * tests can SIGKILL it mid-write and start it again on the same database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const pkgDir = join(dirname(fileURLToPath(import.meta.url)), '..');
// Inside the package's node_modules so the bundle resolves better-sqlite3 and pg like the package does.
const outDir = join(pkgDir, 'node_modules', '.cache', 'server-sync-test');

// Our npm dependencies stay external, as in the package's own build (build.mjs).
const dependencies = Object.keys((JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies)
  .filter((d) => !d.startsWith('@assent/'));

let bundled: Promise<string> | undefined;

/**
 * Bundles src/cli.ts (our npm dependencies stay external) to a file named by its content, written
 * atomically, so parallel test workers share one bundle; bundles of older sources are removed.
 */
export function bundleCli(): Promise<string> {
  bundled ??= (async () => {
    mkdirSync(outDir, { recursive: true });
    const result = await build({
      entryPoints: [join(pkgDir, 'src', 'cli.ts')],
      bundle: true,
      write: false,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      conditions: ['source'],
      external: dependencies.flatMap((d) => [d, `${d}/*`]),
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]?.contents;
    if (!code) throw new Error('esbuild produced no output for src/cli.ts');
    const name = `cli-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`;
    const outfile = join(outDir, name);
    if (!existsSync(outfile)) {
      const tmp = `${outfile}.${process.pid}.tmp`;
      writeFileSync(tmp, code);
      renameSync(tmp, outfile);
    }
    for (const f of readdirSync(outDir)) {
      if (f !== name && Date.now() - statSync(join(outDir, f)).mtimeMs > 600_000) rmSync(join(outDir, f), { force: true });
    }
    return outfile;
  })();
  return bundled;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface Child {
  process: ChildProcess;
  url: string;
  output: () => string;
}

/** Starts `cli serve` with this environment and resolves once it logs that it listens. */
export async function startChild(env: Record<string, string>): Promise<Child> {
  const cli = await bundleCli();
  const port = await freePort();
  const child = spawn(process.execPath, [cli, 'serve'], {
    env: { PATH: process.env.PATH ?? '', ...env, ASSENT_PORT: String(port), ASSENT_HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 15_000);
    const check = () => {
      if (out.includes('"event":"listening"')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
  child.removeAllListeners('exit');
  return { process: child, url: `http://127.0.0.1:${port}`, output: () => out };
}

/** SIGKILLs the child and waits for it to be gone. */
export async function kill(child: Child): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  const gone = new Promise((r) => child.process.once('exit', r));
  child.process.kill('SIGKILL');
  await gone;
}

/** Sends SIGTERM and resolves with the exit code and how long the child took to exit. */
export async function terminate(child: Child): Promise<{ code: number | null; ms: number }> {
  const t0 = performance.now();
  if (child.process.exitCode !== null) return { code: child.process.exitCode, ms: 0 };
  const gone = new Promise<number | null>((r) => child.process.once('exit', (code) => r(code)));
  child.process.kill('SIGTERM');
  const code = await gone;
  return { code, ms: performance.now() - t0 };
}
