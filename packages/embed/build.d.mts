import type { RollupOptions } from 'rollup';
/** Per core module, the names the engine borrows from assent.js. */
export declare const SHARED: Record<string, string[]>;
declare const configs: RollupOptions[];
export default configs;
