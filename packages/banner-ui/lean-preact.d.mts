/** Types of lean-preact.mjs: the rollup plugin bundling a trimmed Preact into assent-ui.js. */
export interface LeanPreactPlugin {
  name: string;
  /** Throws when the installed Preact is not the pinned version or a UI source uses a dropped feature. */
  buildStart(): void;
  resolveId(id: string): string | null;
  /** Throws when one of the edits of a Preact source no longer matches. */
  transform(code: string, id: string): { code: string; map: null } | null;
}

/** The plugin; `srcDir` is the UI's source folder, checked for uses of dropped features. */
export function leanPreact(srcDir: string): LeanPreactPlugin;

/** Absolute path of Preact's `src` folder, the sources the plugin edits. */
export const preactSrc: string;

/** Rollup `onwarn` that drops the circular-import warnings of Preact's own sources. */
export function quietPreactCycles(warning: { code?: string; ids?: string[] }, warn: (w: unknown) => void): void;
