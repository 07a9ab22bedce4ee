/** One request the fake third-party origin received. */
export interface ThirdPartyRequest {
  /** Vendor host without port, e.g. `analytics.localhost` or `connect.facebook.net.localhost`. */
  host: string;
  method: string;
  /** Path without the query string. */
  path: string;
  /** Query string including `?`, or `''`. */
  query: string;
  /** `Date.now()` when received. */
  time: number;
  referer: string | null;
}

export interface ThirdPartyServer {
  /** Base URL of the bare origin (its `/requests` lists the log as JSON). */
  url: string;
  port: number;
  /** Base URL of one vendor host on this server's port, e.g. `http://analytics.localhost:4175`. */
  vendorUrl(vendorHost: string): string;
  /** Live log of every vendor request, oldest first. */
  requests: ThirdPartyRequest[];
  /** Requests filtered by vendor host and/or a minimum time. */
  list(filter?: { host?: string; since?: number }): ThirdPartyRequest[];
  /** Empties the log. */
  clear(): void;
  close(): Promise<void>;
}

/** The demo's own vendor host names (`analytics.localhost`, …). */
export declare const DEMO_VENDOR_HOSTS: readonly string[];
/** Every vendor host name the server answers for, real vendors' under `.localhost` included. */
export declare const THIRD_PARTY_HOSTS: readonly string[];

/** Starts the fake third-party origin (port 0 picks a free port). */
export declare function startThirdParty(options?: { port?: number; host?: string }): Promise<ThirdPartyServer>;
