/**
 * The console's front end: the files `@assent/console` builds (one script, one stylesheet), read
 * once from its package and served by server-sync. Visitors' pages never load them.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface ConsoleAssets {
  /** File name (`console.js`) → content type and text; null when the console is not built. */
  file(name: string): Promise<{ type: string; text: string } | null>;
}

const FILES: Record<string, string> = {
  'console.js': 'text/javascript; charset=utf-8',
  'console.css': 'text/css; charset=utf-8',
};

/** Where `@assent/console` keeps its built files, or null when the package is not installed. */
function distDir(): string | null {
  try {
    return join(dirname(createRequire(import.meta.url).resolve('@assent/console/package.json')), 'dist');
  } catch {
    return null;
  }
}

export function consoleAssets(dir: string | null = distDir()): ConsoleAssets {
  const cache = new Map<string, Promise<{ type: string; text: string } | null>>();
  return {
    file(name) {
      const type = FILES[name];
      if (!type || !dir) return Promise.resolve(null);
      let loaded = cache.get(name);
      if (!loaded) {
        loaded = readFile(join(dir, name), 'utf8').then((text) => ({ type, text }), () => null);
        // A missing file is looked for again next time (a build may have finished meanwhile).
        loaded.then((f) => f ?? cache.delete(name), () => cache.delete(name));
        cache.set(name, loaded);
      }
      return loaded;
    },
  };
}
