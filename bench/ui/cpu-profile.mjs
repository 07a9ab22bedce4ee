// Reading a V8 CPU profile (CDP `Profiler.stop`) by script URL, function and original source.
//
// Each sample lasts until the next one (the last until the profile's end). A sample belongs to the
// script of its leaf-most frame that has a script URL: time in native code a script called (DOM
// APIs, the style and layout it forced, JSON.parse) has no URL of its own and counts for the script
// that called it; a page callback that a library calls counts for the page; `(program)`, `(idle)`
// and `(garbage collector)` samples have no such frame and count for nobody.
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { SourceMap } from 'node:module';

/** Sample durations in µs, from the profile's `timeDeltas` (µs between a sample and the one before). */
function sampleDurations(profile) {
  const { samples, timeDeltas, endTime } = profile;
  const out = new Float64Array(samples.length);
  let t = profile.startTime;
  const at = timeDeltas.map((d) => (t += d));
  for (let i = 0; i < samples.length; i++) out[i] = (i + 1 < samples.length ? at[i + 1] : endTime) - at[i];
  return out;
}

/** node id -> { node, parent } */
function nodeIndex(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, { node: n, parent: null }]));
  for (const n of profile.nodes) for (const c of n.children ?? []) byId.get(c).parent = byId.get(n.id);
  return byId;
}

const pathOf = (url) => {
  try {
    return new URL(url).pathname;
  } catch {
    return null;
  }
};

/** The URL path of the script a sample belongs to (see the file comment), or null. */
function leafScript(e) {
  for (; e; e = e.parent) if (e.node.callFrame.url) return pathOf(e.node.callFrame.url);
  return null;
}

/**
 * Milliseconds of main-thread time in scripts whose URL path satisfies `isOurs` (see the file
 * comment), in all and per script path.
 */
export function scriptTime(profile, isOurs) {
  const byId = nodeIndex(profile);
  const dur = sampleDurations(profile);
  const owner = new Map(); // node id -> script path | null, memoised
  const ownerOf = (id) => {
    if (!owner.has(id)) {
      const p = leafScript(byId.get(id));
      owner.set(id, p && isOurs(p) ? p : null);
    }
    return owner.get(id);
  };
  const perScript = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const p = ownerOf(id);
    if (!p) return;
    total += dur[i];
    perScript.set(p, (perScript.get(p) ?? 0) + dur[i]);
  });
  return { ms: total / 1000, perScript: new Map([...perScript].map(([k, v]) => [k, v / 1000])) };
}

/**
 * Loads the source map of a served script when its build has one: the file's
 * `//# sourceMappingURL=` (a data: URL or a path beside it), else `<file>.map`. `null` without.
 */
export async function loadSourceMap(file) {
  const code = await readFile(file, 'utf8').catch(() => null);
  if (code === null) return null;
  const ref = /\/\/[#@] sourceMappingURL=(\S+)\s*$/.exec(code)?.[1];
  let text = null;
  let mapDir = dirname(file);
  if (ref?.startsWith('data:')) {
    const [meta, data] = ref.slice(5).split(',', 2);
    text = meta.endsWith(';base64') ? Buffer.from(data, 'base64').toString('utf8') : decodeURIComponent(data);
  } else {
    const mapFile = ref ? join(dirname(file), decodeURIComponent(ref)) : `${file}.map`;
    mapDir = dirname(mapFile);
    text = await readFile(mapFile, 'utf8').catch(() => null);
  }
  if (!text) return null;
  const payload = JSON.parse(text);
  return { map: new SourceMap(payload), base: join(mapDir, payload.sourceRoot ?? '') };
}

const KEYWORDS = new Set(['async', 'function', 'get', 'set', 'static', 'new', 'class']);

/** The original source, line and name of a generated position (0-based), or null. */
function original(sm, line, column) {
  const e = sm.map.findEntry(line, column);
  if (!e || e.originalSource === undefined) return null;
  // Sources are relative to the map (and its sourceRoot): shown relative to the working directory.
  const src = e.originalSource.replace(/^[a-z]+:\/\/\/?/, '');
  const abs = resolve(sm.base, src);
  const rel = relative(process.cwd(), abs);
  return { source: rel.startsWith('..') ? abs : rel, line: e.originalLine + 1, name: e.name };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Self and total time per function, per source file and per source folder for the frames of
 * scripts that `fileFor(urlPath)` maps to a file on disk (through its source map when there is
 * one), per profile (one per visit) in ms: the mean (self means add up: files to their folder, all
 * to the library's time) and the median (robust to the odd slow visit on a shared machine). Self: samples whose leaf-most frame with a script URL is that function (native
 * time it caused included, see above); total: samples with that function (or file, or folder)
 * anywhere on the stack, counted once per sample.
 * @param {Array<object>} profiles  one per visit
 * @param {(path: string) => string | null} fileFor
 */
export async function breakdown(profiles, fileFor) {
  const maps = new Map(); // path -> sourcemap | null
  const about = new Map(); // function key -> { name, where, file }
  const perProfile = []; // [{ fn, files, folders }] of key -> { self, total } in µs
  for (const profile of profiles) {
    const byId = nodeIndex(profile);
    const dur = sampleDurations(profile);
    const frameInfo = new Map(); // node id -> { key, file } | null
    for (const { node } of byId.values()) {
      const cf = node.callFrame;
      const path = cf.url && pathOf(cf.url);
      const disk = path && fileFor(path);
      if (!disk) {
        frameInfo.set(node.id, null);
        continue;
      }
      if (!maps.has(path)) maps.set(path, await loadSourceMap(disk));
      const sm = maps.get(path);
      const o = sm && original(sm, cf.lineNumber, cf.columnNumber);
      const file = o ? o.source : path;
      const where = o ? `${o.source}:${o.line}` : `${path}:${cf.lineNumber + 1}:${cf.columnNumber + 1}`;
      // The original name where the map records one at the function's start (not a keyword that
      // starts it, like `async`), else the (minified) runtime name.
      const name = (o?.name && !KEYWORDS.has(o.name) ? o.name : cf.functionName) || '(anonymous)';
      const key = `${name} ${where}`;
      about.set(key, { name, where, file });
      frameInfo.set(node.id, { key, file });
    }
    const sums = { fn: new Map(), files: new Map(), folders: new Map() };
    const add = (map, key, d, leaf, seen) => {
      const e = map.get(key) ?? map.set(key, { self: 0, total: 0 }).get(key);
      if (leaf) e.self += d;
      if (!seen.has(key)) (seen.add(key), (e.total += d));
    };
    profile.samples.forEach((id, i) => {
      const seen = [new Set(), new Set(), new Set()];
      let leaf = true;
      for (let e = byId.get(id); e; e = e.parent) {
        const f = frameInfo.get(e.node.id);
        if (!f) {
          if (e.node.callFrame.url) leaf = false; // another script's frame: the sample's self time is not ours
          continue;
        }
        add(sums.fn, f.key, dur[i], leaf, seen[0]);
        add(sums.files, f.file, dur[i], leaf, seen[1]);
        add(sums.folders, dirname(f.file), dur[i], leaf, seen[2]);
        leaf = false;
      }
    });
    perProfile.push(sums);
  }
  /** key -> mean and median self and total in ms over every profile (0 where a profile lacks the key). */
  const stats = (which) => {
    const keys = new Set(perProfile.flatMap((p) => [...p[which].keys()]));
    return [...keys]
      .map((key) => {
        const xs = (f) => perProfile.map((p) => (p[which].get(key)?.[f] ?? 0) / 1000);
        const mean = (f) => xs(f).reduce((a, b) => a + b, 0) / perProfile.length;
        return { key, self: mean('self'), total: mean('total'), selfMedian: median(xs('self')), totalMedian: median(xs('total')) };
      })
      .sort((a, b) => b.self - a.self || b.total - a.total);
  };
  return {
    mapped: [...maps].filter(([, m]) => m).map(([p]) => p),
    unmapped: [...maps].filter(([, m]) => !m).map(([p]) => p),
    functions: stats('fn').map(({ key, ...t }) => ({ ...about.get(key), ...t })),
    files: stats('files').map(({ key, ...t }) => ({ file: key, ...t })),
    folders: stats('folders').map(({ key, ...t }) => ({ folder: key, ...t })),
  };
}
