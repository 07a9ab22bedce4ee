import type { RunningServer } from '@assent/server-sync';
import type { ThirdPartyServer } from './third-party/server.d.mts';
import type { SeedResult } from './shared/seed-traffic.d.mts';

export interface DemoPorts {
  site: number;
  portal: number;
  thirdParty: number;
  sync: number;
}

export interface DemoStackOptions {
  /** Ports to listen on; 0 picks a free one. Defaults: 4173, 4174, 4175, 8787. */
  ports?: Partial<DemoPorts>;
  /** Default `127.0.0.1`. */
  host?: string;
  /** server-sync API key. Default `demo-admin-key`. */
  apiKey?: string;
  /** server-sync SQLite file. Default `<repo>/.data/assent.db`. */
  dbFile?: string;
  /** Extra options passed to server-sync's `startServer`. */
  serverSync?: Record<string, unknown>;
  /** Send a month of past decisions and Portal links to a fresh database (the demo does), so the privacy console has data. */
  seedTraffic?: boolean;
}

export interface DemoStack {
  urls: { site: string; portal: string; thirdParty: string; sync: string | null; console: string | null };
  apiKey: string;
  /** The fake vendors, with their request log. */
  thirdParty: ThirdPartyServer;
  /** server-sync, when it runs. */
  serverSync: RunningServer | null;
  /** What `seedTraffic` sent, or null when it was not asked for. */
  seeded: SeedResult | null;
  /** Pieces not started because they are not built yet, with what to do. */
  missing: string[];
  close(): Promise<void>;
}

export declare const DEFAULT_PORTS: Readonly<DemoPorts>;
export declare const repoRoot: string;
/** Starts the fake third-party origin, server-sync, the marketing site and the Portal. */
export declare function startDemoStack(options?: DemoStackOptions): Promise<DemoStack>;
