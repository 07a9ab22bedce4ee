/**
 * The protocol between `assent.js` (the loader, on every page) and `assent-core.js` (the engine,
 * loaded on demand): the one place that says what crosses from one file to the other. Both files
 * come from one release; the engine refuses to start beside another release's loader.
 */
import type { Consent, Regime, SiteConfig } from '@assent/sdk';
import type { Announced, EmbedLabels, Gate, Language, PresetTable, SHARED, WidgetLabels } from '@assent/sdk/internal';
import type { PageInputs } from './saved-verdict.js';

/** What the loader has settled when it starts the engine. */
export interface EngineStart {
  /** The loader's version: the two files must come from the same release. */
  version: string;
  /** The config, validated by the loader. */
  config: SiteConfig;
  /** The regime in force, final (the loader asked server-sync first when it had to). */
  regime: Regime;
  /** The gate the loader installed; the engine becomes its owner. */
  gate: Gate;
  /** What Consent Mode and the gate were told so far: the engine goes on from there. */
  announced: Announced;
  language: Language;
  /** The language's core labels (placeholders) once its file has arrived; the engine waits for nothing. */
  labels: Promise<EmbedLabels>;
  /** The widget's labels (once the language file has arrived when they come from it), sealed with the verdict for the next page. */
  widget: Promise<WidgetLabels>;
  /** What the saved verdict seals. */
  page: PageInputs;
}

/** A started engine. */
export interface EngineStarted {
  consent: Consent;
}

/** The global `assent-core.js` defines. */
export interface Engine {
  start(options: EngineStart): EngineStarted;
}

/** The window as both files see it. */
export type AssentWindow = Window &
  typeof globalThis & {
    Assent?: Consent | Array<(a: Consent) => void>;
    AssentCore?: Engine;
    /** What the loader lends the engine (sdk/src/shared.ts), set before the engine loads. */
    AssentShared?: typeof SHARED;
    /** The presets table (`assent-presets.js`), loaded when a config names a preset. */
    AssentPresets?: PresetTable;
  };
