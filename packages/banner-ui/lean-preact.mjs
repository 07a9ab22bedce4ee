// Build helper of assent-ui.js: Preact from its own ES sources (shipped in the npm package), with
// the code of features this UI never uses made unreachable, so terser drops it. An edit only
// removes a statement or replaces an expression by the constant it always is in this UI (a hook
// nobody sets, a lifecycle no component defines, a prop no element gets); it adds no logic. The
// build fails when an edit no longer matches (a Preact upgrade) or when a UI source starts using a
// dropped feature (see DROPPED). Only the script-tag bundle uses it: the component tests and the
// npm build run the unmodified Preact, e2e/banner-ui runs this one.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const preactDir = dirname(require.resolve('preact/package.json'));
export const preactSrc = join(preactDir, 'src');
const VERSION = '10.29.8';

/** Option hooks only add-ons set (devtools, hooks, compat, debug); nothing sets them here. */
const HOOKS = /\boptions\.(?:vnode|_diff|diffed|_render|_commit|unmount|_root|_hydrationMismatch|event|debounceRendering)\b/g;

/**
 * Hydration (and resuming a suspended subtree, which shares its path): `render` always gets an
 * empty element of its own, so the `excessDomChildren` and `isHydrating` arguments of the diff
 * are always null and false. The parameters keep their place under another name, the
 * assignments go, and every read becomes the constant.
 */
const NO_HYDRATION = [
  ['hydration parameters', /(function \w+\()([^)]*)\)/g, (_, head, params) => `${head}${params.replace(/\b(excessDomChildren|isHydrating)\b/g, '_$1')})`],
  ['hydration assignments', /^\s*(?:excessDomChildren|isHydrating) =(?!=)[^;]*;/gm, ''],
  ['hydration reads', /\bexcessDomChildren\b/g, 'NULL'],
  ['hydration reads', /\bisHydrating\b/g, 'false'],
];

/**
 * Per file: [what it drops, pattern, replacement]. Component features the UI's classes do not use
 * (lifecycles, context, error boundaries, defaultProps, forceUpdate, setState updaters and
 * callbacks, function refs), props and elements it does not render (`style`,
 * `dangerouslySetInnerHTML`, form controls, MathML, `<template>`, capture-phase handlers, SVG
 * aliases, attribute-only props) and hydration.
 */
const EDITS = {
  'create-element.js': [['defaultProps', /\btype\.defaultProps\b/g, 'undefined']],
  'component.js': [
    ['forceUpdate', /BaseComponent\.prototype\.forceUpdate = function[^]*?\n\};\n/, ''],
    ['setState(function)', /\btypeof update == 'function'/, 'false'],
    ['setState callbacks', /if \(callback\) \{(?=\s*this\._stateCallbacks\.push\(callback\);)/, 'if (false) {'],
    ['debounceRendering', /\|\|\s*prevDebounce != options\.debounceRendering\s*\) \{\s*prevDebounce = options\.debounceRendering;\s*\(prevDebounce \|\| defer\)\(process\);/, ') {\n\t\tdefer(process);'],
  ],
  'diff/children.js': [NO_HYDRATION[0], NO_HYDRATION[2], NO_HYDRATION[3]],
  'diff/index.js': [
    ['the diff hooks', /if \(\(tmp = options\.(?:_diff|diffed)\)\) tmp\(newVNode\);/g, ''],
    ['contextType', /tmp = newType\.contextType;\s*let provider = tmp && globalContext\[tmp\._id\];\s*let componentContext = tmp\s*\? provider\s*\? provider\.props\.value\s*: tmp\._defaultValue\s*: globalContext;/, 'let provider, componentContext = globalContext;'],
    ['getDerivedStateFromProps', /\bnewType\.getDerivedStateFromProps\b/g, 'undefined'],
    ['legacy and optional lifecycles', /\bc\.(?:componentWillMount|componentWillReceiveProps|shouldComponentUpdate|componentWillUpdate|getChildContext|getSnapshotBeforeUpdate)\b/g, 'undefined'],
    ['dangerouslySetInnerHTML', /\bi == 'dangerouslySetInnerHTML'/g, 'false'],
    ['MathML', /else if \(nodeType == 'math'\) namespace = MATH_NAMESPACE;/, ''],
    ['<foreignObject>', /nodeType == 'foreignObject' \? XHTML_NAMESPACE : namespace/, 'namespace'],
    ['<template>', /newVNode\.type == 'template' \? dom\.content : dom/, 'dom'],
    ['<textarea> defaultValue', /nodeType == 'textarea' && newProps\.defaultValue != NULL\s*\? NULL\s*: /, ''],
    ['value and checked props', /!\(i == 'value' && 'defaultValue' in newProps\) &&\s*!\(i == 'checked' && 'defaultChecked' in newProps\)/, 'true'],
    ['value and checked props', /\} else if \(i == 'value'\) \{\s*inputValue = value;\s*\} else if \(i == 'checked'\) \{\s*checked = value;\s*/, ''],
    ['value and checked props', /\/\/ As above, don't diff props during hydration[^]*?(?=\n\t\}\n\n\treturn dom;)/, ''],
    ...NO_HYDRATION,
    ['function refs', /if \(typeof ref == 'function'\) \{/, 'if (false) {'],
    // What only error boundaries, forceUpdate and suspended hydration read or set.
    ['error boundary state', /clearProcessingException = c\._processingException = c\._pendingError;/, ''],
    ['forced updates', /if \(!e\.then\) markAsForce\(newVNode\);|c\._force = false;/g, ''],
    ['suspended subtrees', /\boldVNode\._flags & MODE_SUSPENDED\b/, 'false'],
    ['suspended subtrees', /\bnewVNode\._flags & MODE_SUSPENDED \? undefined : oldDom\b/, 'oldDom'],
  ],
  'render.js': [['replaceNode', /export function render\(vnode, parentDom, replaceNode\) \{/, 'export function render(vnode, parentDom) {\n\tlet replaceNode;']],
  'diff/catch-error.js': [['error boundaries', /for \(; \(vnode = vnode\._parent\); \)/, 'for (; false; )']],
  'diff/props.js': [
    ['style', /\bname == 'style'/g, 'false'],
    ['capture-phase handlers', /useCapture = name != \(name = name\.replace\(CAPTURE_REGEX, '\$1'\)\);/, 'useCapture = false;'],
    ['attribute-only props the UI never passes', /\s*name != '(?:list|form|download|rowSpan|colSpan|popover)' &&/g, ''],
    ['attribute-only props the UI never passes', /name == 'popover' && value == true \? '' : value/, 'value'],
    ['SVG prop aliases', /name = name\.replace\(\/xlink\(H\|:h\)\/, 'h'\)\.replace\(\/sName\$\/, 's'\);/g, ''],
  ],
};

/** What no UI source may use, since the lean build drops it. */
const DROPPED = [
  /<(?:textarea|input|select|option|progress|template|foreignObject|math)\b/,
  /\b(?:defaultProps|forceUpdate|contextType|getDerivedStateFromProps|componentWillMount|componentWillReceiveProps|shouldComponentUpdate|componentWillUpdate|getChildContext|getSnapshotBeforeUpdate|getDerivedStateFromError|componentDidCatch|dangerouslySetInnerHTML|createContext|xlinkHref)\b/,
  /\b(?:style|className)=["{]/,
  /\bon[A-Z]\w*Capture=/,
  /\b(?:list|form|download|rowSpan|colSpan|popover)=/,
  /\bref=\{\s*(?:\(|\w+\s*=>|function\b)/,
  /\bsetState\(\s*(?:\(|\w+\s*=>|function\b)/,
  /import[^;]*\b(?:options|hydrate)\b[^;]*from 'preact'/,
];

/** Fails the build when a UI source (under `srcDir`) uses a feature the lean Preact drops. */
function checkSources(srcDir) {
  for (const entry of readdirSync(srcDir, { recursive: true })) {
    const file = String(entry);
    if (!/\.tsx?$/.test(file) || /\.test\.tsx?$/.test(file)) continue;
    const text = readFileSync(join(srcDir, file), 'utf8');
    const used = DROPPED.map((re) => text.match(re)?.[0]).filter(Boolean);
    if (used.length) throw new Error(`lean-preact: ${file} uses ${used.join(', ')}, which assent-ui.js drops from Preact`);
  }
}

/** Rollup `onwarn`: Preact's sources import each other in cycles (diff <-> component), as its own build does. */
export function quietPreactCycles(warning, warn) {
  if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.every((id) => id.startsWith(preactSrc))) return;
  warn(warning);
}

/** Resolves `preact` to its sources and applies {@link EDITS}; `srcDir` is the UI's source folder. */
export function leanPreact(srcDir) {
  return {
    name: 'assent-lean-preact',
    buildStart() {
      const { version } = JSON.parse(readFileSync(join(preactDir, 'package.json'), 'utf8'));
      if (version !== VERSION) throw new Error(`lean-preact: written for preact ${VERSION}, found ${version}; check EDITS`);
      checkSources(srcDir);
    },
    resolveId: (id) => (id === 'preact' ? join(preactSrc, 'index.js') : null),
    transform(code, id) {
      if (!id.startsWith(preactSrc + '/')) return null;
      const file = id.slice(preactSrc.length + 1);
      let out = code;
      for (const [what, pattern, replacement] of EDITS[file] ?? []) {
        const next = out.replace(pattern, replacement);
        if (next === out) throw new Error(`lean-preact: ${file}: the edit dropping ${what} no longer matches`);
        out = next;
      }
      return { code: out.replace(HOOKS, 'undefined'), map: null };
    },
  };
}
