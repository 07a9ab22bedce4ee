import type { ServiceConfig } from '../../packages/sdk/src/config/types.js';

/** A vendor written out as an Assent service (a `ServiceConfig` with every field given). */
export type VendorService = ServiceConfig;
export type VendorId = 'google-analytics' | 'meta-pixel' | 'linkedin-insight' | 'hotjar' | 'hubspot' | 'intercom' | 'youtube' | 'vimeo';

/** The real vendors as services; `host` maps each real host (or `*.` pattern) to the one to configure. */
export declare function vendorServices(host?: (host: string) => string): Record<VendorId, VendorService>;
/** The vendors the tag-manager stand-in injects. */
export declare const TAG_MANAGER_VENDORS: readonly VendorId[];
