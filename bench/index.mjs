#!/usr/bin/env node
// `pnpm bench`: runs every benchmark in turn (each prints its own markdown table).
//   pnpm bench               all
//   pnpm bench sdk|ui|server-sync|server-sync-storage
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const all = ['sdk', 'ui', 'server-sync', 'server-sync-storage'];
const wanted = process.argv.slice(2).filter((a) => all.includes(a));
for (const name of wanted.length ? wanted : all) {
  const file = `bench/${name}.mjs`;
  if (!existsSync(file)) {
    console.log(`(no ${file})`);
    continue;
  }
  console.log(`\n## ${name}\n`);
  const r = spawnSync('node', [file], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
