import type { BrowserContext, chromium } from 'playwright-core';

export declare const CHROMIUM_ARGS: string[];

/** A Chromium context in a throwaway profile; `close()` also removes the profile. */
export interface Chromium {
  context: BrowserContext;
  close(): Promise<void>;
}

export declare function launchChromium(options?: Parameters<typeof chromium.launchPersistentContext>[1]): Promise<Chromium>;
