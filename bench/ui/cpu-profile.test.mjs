// The CPU profile reading behind bench/ui.mjs's "library JS" column and bench/profile-first-visit.mjs.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transform } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { breakdown, scriptTime } from './cpu-profile.mjs';

const LIB = 'http://127.0.0.1:1/lib/lib.js';
const PAGE = 'http://127.0.0.1:1/page';
const frame = (id, functionName, url, children = [], lineNumber = 0, columnNumber = 0) => ({
  id, callFrame: { functionName, url, scriptId: '1', lineNumber, columnNumber }, children,
});

/** A profile from `[node id, µs]` samples, each lasting its µs. */
function profile(nodes, samples) {
  const timeDeltas = [0, ...samples.slice(0, -1).map(([, us]) => us)];
  const startTime = 1_000;
  return { nodes, startTime, endTime: startTime + samples.reduce((n, [, us]) => n + us, 0), samples: samples.map(([id]) => id), timeDeltas };
}

// root ─ (program)
//      ├ lib: init ─ native appendChild ─┐
//      │         └ page: onReady (a page callback the library calls)
//      └ page: main ─ lib: api
const nodes = [
  frame(1, '(root)', '', [2, 3, 6]),
  frame(2, '(program)', ''),
  frame(3, 'init', LIB, [4, 5], 0, 10),
  frame(4, 'appendChild', ''),
  frame(5, 'onReady', PAGE),
  frame(6, 'main', PAGE, [7]),
  frame(7, 'api', LIB, [], 0, 40),
];
const p = profile(nodes, [[2, 5_000], [3, 1_000], [4, 2_000], [5, 3_000], [6, 500], [7, 1_500]]);
const isLib = (path) => path.startsWith('/lib/');

describe('scriptTime', () => {
  it('counts a library its own frames and the native work they call, not page callbacks or (program)', () => {
    const t = scriptTime(p, isLib);
    expect(t.ms).toBeCloseTo(1 + 2 + 1.5); // init, appendChild under init, api under page code
    expect([...t.perScript]).toEqual([['/lib/lib.js', 4.5]]);
  });
});

describe('breakdown', () => {
  const dirs = [];
  afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('names functions and files through the bundle\'s source map, self and total apart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'assent-profile-test-'));
    dirs.push(dir);
    const source = 'export function validateConfig(c) {\n  return Object.keys(c).length > 0;\n}\nexport function renderBanner(c) {\n  return validateConfig(c) ? "ok" : "no";\n}\n';
    const out = await transform(source, { loader: 'ts', format: 'iife', globalName: 'X', minify: true, sourcemap: 'external', sourcefile: 'src/config/parse.ts' });
    await writeFile(join(dir, 'lib.js'), `${out.code}//# sourceMappingURL=lib.js.map\n`);
    await writeFile(join(dir, 'lib.js.map'), out.map);
    // Where V8 says each function starts: its parameter list's "(" in the minified output.
    const fns = [...out.code.matchAll(/function (\w+)\(/g)].map((m) => m.index + m[0].length - 1);
    expect(fns).toHaveLength(2);
    const mapped = [
      frame(1, '(root)', '', [2]),
      frame(2, 'b', LIB, [3], 0, fns[1]), // renderBanner (minified name)
      frame(3, 'a', LIB, [], 0, fns[0]), // validateConfig, called by it
    ];
    const b = await breakdown([profile(mapped, [[2, 1_000], [3, 3_000]])], (path) => (path === '/lib/lib.js' ? join(dir, 'lib.js') : null));
    expect(b.mapped).toEqual(['/lib/lib.js']);
    const byName = Object.fromEntries(b.functions.map((f) => [f.name, f]));
    expect(Object.keys(byName).sort()).toEqual(['renderBanner', 'validateConfig']);
    expect(byName.validateConfig).toMatchObject({ self: 3, total: 3, selfMedian: 3 });
    expect(byName.renderBanner).toMatchObject({ self: 1, total: 4, totalMedian: 4 });
    expect(byName.validateConfig.where).toMatch(/src\/config\/parse\.ts:1$/);
    expect(byName.renderBanner.where).toMatch(/src\/config\/parse\.ts:4$/);
    expect(b.files).toHaveLength(1);
    expect(b.files[0]).toMatchObject({ self: 4, total: 4 });
    expect(b.folders).toHaveLength(1);
    expect(b.folders[0].folder).toMatch(/src\/config$/);
    expect(b.files[0].file).toMatch(/src\/config\/parse\.ts$/);
  });

  it('falls back to the bundle and its minified names without a source map; mean and median over visits', async () => {
    const idle = profile([frame(1, '(root)', '', [2]), frame(2, '(idle)', '')], [[2, 9_000]]);
    const b = await breakdown([p, idle, p], (path) => (path === '/lib/lib.js' ? 'packages/sdk/package.json' : null));
    expect(b.unmapped).toEqual(['/lib/lib.js']);
    const byName = Object.fromEntries(b.functions.map((f) => [f.name, f]));
    // init's own 1 ms + the 2 ms of native work it called; its onReady callback (3 ms) is in its total only.
    expect(byName.init).toMatchObject({ selfMedian: 3, totalMedian: 6, where: '/lib/lib.js:1:11' });
    expect(byName.init.self).toBeCloseTo(2); // mean over the 3 visits, one without it
    expect(byName.api).toMatchObject({ selfMedian: 1.5, totalMedian: 1.5 });
    expect(b.files).toEqual([{ file: '/lib/lib.js', self: 3, total: 5, selfMedian: 4.5, totalMedian: 7.5 }]);
  });
});
