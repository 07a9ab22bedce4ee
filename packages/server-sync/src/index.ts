/**
 * @assent/server-sync: consent receipts as proof, rights requests, region lookup, and
 * website↔Portal links gated by consent.
 */
export { createServer, startServer, type RunningServer, type ServerApp } from './server.js';
export { resolveConfig, DEFAULT_PORT, DEMO_API_KEY, type ServerOptions, type ServerConfig, type Logger, type ServerLogger } from './config.js';
export { createApp, type AppOptions } from './http/app.js';
export { canonicalJson, CURRENT_CANONICALIZATION } from './canonical.js';
export { StorageUnavailableError } from './storage/errors.js';
export { ConfigError, joinKeyOf, type Keyring } from './keys.js';
export { verifyChain, GENESIS_HASH } from './seal.js';
export { choicesPermitLink, refusalOf } from './link-policy.js';
export { openStorage, type StorageTarget } from './storage/index.js';
export type { Storage, PreparedReceipt, PolicyContext, IngestStatus, LinkOutcome, PurgeCounts } from './storage/types.js';
export type { Service } from './service.js';
