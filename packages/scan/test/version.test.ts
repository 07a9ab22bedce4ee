import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { SCAN_VERSION } from '../src/version.js';

it('reports the version package.json publishes', () => {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  expect(SCAN_VERSION).toBe(pkg.version);
});
