// A throwaway PostgreSQL 15 cluster for benchmarks: fsync and synchronous_commit ON (unlike the
// test cluster of scripts/with-postgres.sh), removed by stop(). For a diagnosis,
// BENCH_PG_SETTINGS adds server settings (`-c log_min_duration_statement=50 ...`) and
// BENCH_PG_LOG=<file> keeps a copy of the server log.
import { spawnSync } from 'node:child_process';
import { chownSync, copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PGBIN = process.env.PGBIN ?? '/usr/lib/postgresql/15/bin';

export function startPostgres() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chownSync(dir, Number(spawnSync('id', ['-u', 'postgres']).stdout), Number(spawnSync('id', ['-g', 'postgres']).stdout));
  const run = (cmd, cmdArgs) => {
    const r = spawnSync(asRoot ? 'runuser' : cmd, asRoot ? ['-u', 'postgres', '--', cmd, ...cmdArgs] : cmdArgs, { cwd: dir, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  };
  const port = 20000 + Math.floor(Math.random() * 20000);
  run(join(PGBIN, 'initdb'), ['-D', join(dir, 'data'), '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C']);
  run(join(PGBIN, 'pg_ctl'), ['-D', join(dir, 'data'), '-l', join(dir, 'server.log'), '-w', '-t', '30', '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on -c max_connections=50 ${process.env.BENCH_PG_SETTINGS ?? ''}`, 'start']);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const urlOf = (database) => url.replace(/\/postgres$/, `/${database}`);
  return {
    url,
    /** The URL of another database of the cluster. */
    urlOf,
    /** Runs one statement on a connection of its own (CREATE DATABASE, VACUUM...) to `database`. */
    async query(sql, database = 'postgres') {
      const { default: pg } = await import(new URL('../packages/server-sync/node_modules/pg/lib/index.js', import.meta.url).href);
      const client = new pg.Client({ connectionString: urlOf(database) });
      await client.connect();
      try {
        return await client.query(sql);
      } finally {
        await client.end();
      }
    },
    /**
     * A CHECKPOINT in `database`, then its indexes and tables read into shared buffers (pg_prewarm),
     * largest last, as far as they fit: a server that has been running a while, not one just
     * loaded. Resolves to the pages read.
     */
    async prewarm(database) {
      await this.query('CHECKPOINT', database);
      await this.query('CREATE EXTENSION IF NOT EXISTS pg_prewarm', database);
      const { rows } = await this.query(`SELECT c.oid::regclass::text AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'i') ORDER BY c.relkind, pg_relation_size(c.oid)`, database);
      let pages = 0;
      for (const { name } of rows) pages += Number((await this.query(`SELECT pg_prewarm('${name}') AS n`, database)).rows[0].n);
      return pages;
    },
    /** The postmaster's pid (first line of postmaster.pid). */
    pid: () => Number(readFileSync(join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]),
    stop() {
      try {
        run(join(PGBIN, 'pg_ctl'), ['-D', join(dir, 'data'), '-m', 'fast', '-w', 'stop']);
        if (process.env.BENCH_PG_LOG) copyFileSync(join(dir, 'server.log'), process.env.BENCH_PG_LOG);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
