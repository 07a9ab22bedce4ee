/**
 * The one schema module shared by the SDK and server-sync: receipt types, their validator,
 * and the HTTP payload types of server-sync's `/v1` API.
 */
export * from './receipt.js';
export * from './links.js';
export { arr, check, obj, type Shape, type ShapeError } from './validate.js';
