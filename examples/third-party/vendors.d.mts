/** One fake vendor URL: a real host and path, answered by a file under public/ or a beacon reply. */
export interface FakeVendorRoute {
  host: string;
  path: RegExp;
  /** The vendor (its preset id), e.g. `meta-pixel`. */
  vendor: string;
  file?: string;
  answer?: 'pixel' | 'no-content' | 'json';
}

export declare const FAKE_VENDOR_ROUTES: readonly FakeVendorRoute[];
/** Every real host a fake vendor answers for. */
export declare const FAKE_VENDOR_HOSTS: readonly string[];
/** The real host behind a demo host (`connect.facebook.net.localhost` → `connect.facebook.net`), or null. */
export declare function realVendorHost(host: string): string | null;
export declare function fakeVendorRoute(host: string, path: string): FakeVendorRoute | undefined;
/** The answer of the fake vendor at a real host and path (404 when none). */
export declare function fakeVendorAnswer(
  host: string,
  path: string,
  method: string,
): Promise<{ status: number; headers: Record<string, string>; body: Buffer | string }>;
