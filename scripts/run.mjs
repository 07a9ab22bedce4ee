#!/usr/bin/env node
// The README's two commands land here: `npm run demo` and `npm test`.
// On a fresh machine with only Node 20 and npm it installs what is missing (pnpm at the pinned
// version, the workspace's dependencies, Debian's Chromium and PostgreSQL 15 for the tests),
// then runs the task. Every step prints what it does; any failure exits non-zero.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM = '12.4.2';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
// better-sqlite3 compiles against Node's own headers; node-gyp cannot download them here.
const env = { ...process.env, npm_config_nodedir: process.env.npm_config_nodedir ?? '/usr' };

function run(cmd, args, opts = {}) {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env, ...opts });
  if (r.status !== 0) {
    console.error(`\n✗ ${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
    process.exit(r.status || 1);
  }
}

const quiet = (cmd, args) => spawnSync(cmd, args, { encoding: 'utf8', env });

function ensurePnpm() {
  if (quiet('pnpm', ['--version']).stdout?.trim() === PNPM) return;
  run('npm', ['i', '-g', '--allow-scripts=pnpm', `pnpm@${PNPM}`]);
}

function ensureApt(bin, pkg) {
  if (existsSync(bin)) return;
  if (!isRoot) {
    console.error(`Missing ${bin}. Install it with: sudo apt-get install -y ${pkg}`);
    process.exit(1);
  }
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', pkg], { env: { ...env, DEBIAN_FRONTEND: 'noninteractive' } });
}

const pnpm = (...args) => run('pnpm', args);

function build() {
  pnpm('exec', 'rollup', '-c', '--silent');
}

function test() {
  ensureApt('/usr/bin/chromium', 'chromium');
  ensureApt('/usr/lib/postgresql/15/bin/initdb', 'postgresql-15');
  pnpm('exec', 'tsc', '-b');
  pnpm('exec', 'tsc', '-p', 'tsconfig.check.json');
  build();
  run('node', ['scripts/size.mjs']);
  const report = join(root, '.vitest-report.json');
  const r = spawnSync(
    'scripts/with-postgres.sh',
    ['pnpm', 'exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
    { cwd: root, stdio: 'inherit', env },
  );
  let summary = null;
  try {
    const j = JSON.parse(readFileSync(report, 'utf8'));
    summary = `${j.numPassedTests} passed, ${j.numFailedTests} failed, ${j.numPendingTests + j.numTodoTests} skipped`;
  } catch {}
  if (summary) console.log(`\n${summary}`);
  if (r.status !== 0) process.exit(r.status || 1);
}

function demo() {
  build();
  if (!existsSync(join(root, 'examples/demo.mjs'))) {
    console.log('demo not built yet');
    return;
  }
  const r = spawnSync('node', ['examples/demo.mjs'], { cwd: root, stdio: 'inherit', env });
  process.exit(r.status ?? 0);
}

function bench() {
  build();
  run('node', ['bench/index.mjs', ...process.argv.slice(3)]);
}

const tasks = { test, demo, bench };
const task = tasks[process.argv[2]];
if (!task) {
  console.error(`usage: node scripts/run.mjs ${Object.keys(tasks).join('|')}`);
  process.exit(2);
}
ensurePnpm();
pnpm('install', '--frozen-lockfile');
task();
