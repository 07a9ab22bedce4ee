export interface PortalOptions {
  /** Default 4174; 0 picks a free port. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** server-sync base URL. Default `http://127.0.0.1:8787`. */
  serverSyncUrl?: string;
  /** server-sync API key, used server-side only. Default `demo-admin-key`. */
  apiKey?: string;
  /** The marketing site, for links back. Default `http://127.0.0.1:4173`. */
  marketingUrl?: string;
  /** Port of the fake third-party origin (the Portal's analytics hits go to analytics.localhost). Default 4175. */
  thirdPartyPort?: number;
}

export interface RunningPortal {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Starts the Portal demo (app shell, fake login, link attempts against server-sync). */
export declare function startPortal(options?: PortalOptions): Promise<RunningPortal>;
