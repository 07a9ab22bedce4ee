/**
 * assent-presets.js as shipped: built with the project's rollup config, it must carry the whole
 * table exactly as the npm build has it (less `sources`), stay within its size budget, and leave
 * assent.js and the engine without the table.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { rollup, type RollupOptions } from 'rollup';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../src/presets/index.js';

/** The budget scripts/size.mjs enforces for assent-presets.js, in gzip bytes. */
const BUDGET = 5.5 * 1024;

async function build(file: string): Promise<string> {
  // The project's own rollup configs: the sdk's (presets) and the script tag's (plain .mjs files, loaded by URL).
  const configs: RollupOptions[] = [];
  for (const path of ['../build.mjs', '../../embed/build.mjs'])
    configs.push(...((await import(/* @vite-ignore */ new URL(path, import.meta.url).href)) as { default: RollupOptions[] }).default);
  const config = configs.find((c) => !Array.isArray(c.output) && c.output?.file?.endsWith(file))!;
  const bundle = await rollup({ ...config, onwarn: () => {} });
  const { output } = await bundle.generate(config.output as object);
  await bundle.close();
  return output[0].code;
}

describe('assent-presets.js', () => {
  it('sets window.AssentPresets to the table, without sources, within its gzip budget', async () => {
    const code = await build('assent-presets.js');
    const win: { AssentPresets?: unknown } = {};
    new Function('window', code)(win);
    const expected = Object.fromEntries(Object.entries(PRESETS).map(([id, { sources: _, ...p }]) => [id, p]));
    expect(win.AssentPresets).toEqual(expected);
    expect(code).not.toContain('business.safety.google');
    const gz = gzipSync(code, { level: 9 }).length;
    expect(gz).toBeLessThanOrEqual(BUDGET);
    expect(gz).toBeGreaterThan(2000); // the whole table is there, not a stub
  }, 60_000);

  it('is the only browser bundle with the table: assent.js and the engine carry none of it', async () => {
    for (const file of ['assent.js', 'assent-core.js']) {
      const code = await build(file);
      expect(code, file).not.toContain(PRESETS['meta-pixel']!.purpose);
      expect(code, file).not.toContain('connect.facebook.net');
    }
  }, 120_000);
});
