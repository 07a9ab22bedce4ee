/**
 * @assent/scan: audits a site that uses Assent in headless Chromium, before any decision, after
 * "Reject all" and after "Accept all", against its config. The `assent-scan` CLI is built on this.
 *
 * ```ts
 * import { scan, renderHtml, exitCodeFor } from '@assent/scan';
 * const { report, screenshots } = await scan({ url: 'https://www.example.com', regions: ['FR', 'US-CA'] });
 * ```
 */
export { scan, type ScanResult } from './scan.js';
export { renderHtml } from './html.js';
export { exitCodeFor } from './verdict.js';
export { runCli } from './run-cli.js';
export { EXIT, ScanError, type ScanFailure } from './errors.js';
export { presetCatalogue, SDK_PRESETS, NO_PRESETS, type PresetCatalogue, type PresetMatch } from './presets.js';
export type { ScanOptions, RegionVia, NecessaryCookie } from './options.js';
export type * from './report.js';
export { REPORT_SCHEMA_VERSION } from './report.js';
export type { SetBy, Initiator, ConsentModeCommand, RawStorage } from './observe.js';
export { SCAN_VERSION } from './version.js';
