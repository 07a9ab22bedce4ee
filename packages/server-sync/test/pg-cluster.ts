/**
 * A PostgreSQL 15 cluster of a test's own, which it may stop and start (the shared cluster of
 * scripts/with-postgres.sh serves other test files at the same time). Up in about a second.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './child-server.js';

const PGBIN = process.env.PGBIN ?? '/usr/lib/postgresql/15/bin';

export const canRunOwnCluster = existsSync(join(PGBIN, 'initdb'));

export interface OwnCluster {
  url: string;
  /** `pg_ctl stop -m fast`: connections are told the server is shutting down, then it is gone. */
  stop(): Promise<void>;
  start(): Promise<void>;
  remove(): Promise<void>;
}

export async function ownCluster(): Promise<OwnCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'assent-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, id('-u'), id('-g'));
  }
  // Asynchronous, so the test's load keeps running while the server stops and starts.
  const run = (cmd: string, args: string[]): Promise<void> =>
    new Promise((resolve, reject) => {
      execFile(asRoot ? 'runuser' : join(PGBIN, cmd), asRoot ? ['-u', 'postgres', '--', join(PGBIN, cmd), ...args] : args, { cwd: dir }, (err, stdout, stderr) =>
        err ? reject(new Error(`${cmd} failed: ${stderr || stdout || err.message}`)) : resolve());
    });
  const port = await freePort();
  const data = join(dir, 'data');
  await run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const start = () => run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '30', '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`, 'start']);
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']),
    start,
    async remove() {
      await run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
