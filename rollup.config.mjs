// Composes each package's build parts, so packages own their outputs and stay independent.
import { existsSync } from 'node:fs';

const parts = ['packages/sdk', 'packages/banner-ui', 'packages/embed', 'packages/console', 'packages/server-sync', 'packages/scan', 'examples'];
const configs = [];
for (const dir of parts) {
  if (!existsSync(`${dir}/build.mjs`)) continue;
  const mod = await import(`./${dir}/build.mjs`);
  configs.push(...mod.default);
}
export default configs;
