/**
 * JSON objects for valibot: its object and record schemas take an array for an object (an array
 * is `typeof 'object'`). A strict object still refuses one (its members are missing; issues.ts
 * words that as the wrong type), but a record would pass `"services": []` as a record without
 * entries, and `[{…}]` as a service named "0". The record here refuses arrays first. (Not used for
 * every object: the extra check costs 0.2 µs per object, 3 µs per receipt.)
 */
import * as v from 'valibot';

const notArray = /* @__PURE__ */ v.check((x: unknown) => !Array.isArray(x), 'expected an object, got array');

/** An object whose member names match `key` and whose values match `value`. */
export const jsonRecord = <K extends v.GenericSchema<string, string | number | symbol>, V extends v.GenericSchema>(key: K, value: V) =>
  v.pipe(v.unknown(), notArray, v.record(key, value));
