export interface MarketingSiteOptions {
  /** Default 4173; 0 picks a free port. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Port of the fake third-party origin (vendor tags load from `http://<vendor>.localhost:<port>`). Default 4175. */
  thirdPartyPort?: number;
  /** Base URL of the third-party origin's request log. Default `http://127.0.0.1:<thirdPartyPort>`. */
  thirdPartyUrl?: string;
  /** server-sync base URL, written into /site.json and used by the /inspect proxy. Default `http://127.0.0.1:8787`. */
  serverSyncUrl?: string;
  /** server-sync API key, used server-side only. Default `demo-admin-key`. */
  apiKey?: string;
  /** Where "Log in to Portal" points. Default `http://127.0.0.1:4174`. */
  portalUrl?: string;
}

export interface RunningSite {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Starts the demo marketing site. */
export declare function startMarketingSite(options?: MarketingSiteOptions): Promise<RunningSite>;
