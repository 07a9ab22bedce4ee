/**
 * The one schema module shared by the SDK and server-sync: the receipt, its vocabulary and
 * formats, its validator, and every payload of server-sync's `/v1` API and of the privacy
 * console's API, as valibot schemas with the TypeScript types inferred from them.
 */
export * from './vocabulary.js';
export * from './patterns.js';
export * from './receipt-schema.js';
export * from './validate-receipt.js';
export * from './responses.js';
export * from './links.js';
export * from './subject.js';
export * from './console.js';
export { describeIssue, issuePath, toShapeErrors } from './issues.js';
export type { ShapeError } from './validate.js';
