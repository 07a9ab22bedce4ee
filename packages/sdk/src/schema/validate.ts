/**
 * A tiny strict validator for JSON payloads. It is shared by the SDK's tests and server-sync,
 * so both sides agree on one definition of a valid receipt. Unknown fields are errors, not
 * silently dropped: a receipt is evidence and must be stored exactly as it was checked.
 */

/** One way a payload fails its shape, with a JSON-pointer-like path to the bad field. */
export interface ShapeError {
  path: string;
  message: string;
}

/** A shape: a function that checks a value at a path and reports errors. */
export type Shape = (value: unknown, path: string, errors: ShapeError[]) => void;

const fail = (errors: ShapeError[], path: string, message: string): void => {
  errors.push({ path: path || '/', message });
};

const typeOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** A string of bounded length, optionally matching a pattern or one of a set of values. */
export const str =
  (opts: { max?: number; min?: number; pattern?: RegExp; oneOf?: readonly string[] } = {}): Shape =>
  (v, path, errors) => {
    if (typeof v !== 'string') return fail(errors, path, `expected a string, got ${typeOf(v)}`);
    const { max = 256, min = 0, pattern, oneOf } = opts;
    if (v.length > max) return fail(errors, path, `expected at most ${max} characters, got ${v.length}`);
    if (v.length < min) return fail(errors, path, `expected at least ${min} characters`);
    if (oneOf && !oneOf.includes(v)) return fail(errors, path, `expected one of ${oneOf.join(', ')}`);
    if (pattern && !pattern.test(v)) fail(errors, path, `does not match ${String(pattern)}`);
  };

export const bool: Shape = (v, path, errors) => {
  if (typeof v !== 'boolean') fail(errors, path, `expected a boolean, got ${typeOf(v)}`);
};

/** An integer in a range. */
export const int =
  (min: number, max: number): Shape =>
  (v, path, errors) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
      fail(errors, path, `expected an integer from ${min} to ${max}`);
  };

/** `null` or the inner shape. */
export const nullable =
  (inner: Shape): Shape =>
  (v, path, errors) => {
    if (v !== null) inner(v, path, errors);
  };

/** An object with exactly these fields; keys ending in `?` are optional. */
export const obj = (fields: Record<string, Shape>): Shape => {
  // Parsed once per shape, on first use, not per value: servers check every field of every
  // receipt. (Not when the shape is built, so an unused shape stays free and tree-shakable.)
  let spec: Array<{ key: string; optional: boolean; shape: Shape }> | undefined;
  let known: Set<string> | undefined;
  return (v, path, errors) => {
    spec ??= Object.entries(fields).map(([raw, shape]) => ({ key: raw.replace(/\?$/, ''), optional: raw.endsWith('?'), shape }));
    known ??= new Set(spec.map((f) => f.key));
    if (typeOf(v) !== 'object') return fail(errors, path, `expected an object, got ${typeOf(v)}`);
    const o = v as Record<string, unknown>;
    for (const { key, optional, shape } of spec) {
      if (!(key in o) || o[key] === undefined) {
        if (!optional) fail(errors, `${path}/${key}`, 'is required');
        continue;
      }
      shape(o[key], `${path}/${key}`, errors);
    }
    for (const key of Object.keys(o)) if (!known.has(key)) fail(errors, `${path}/${key}`, 'is not a known field');
  };
};

/** A map from keys matching `keyPattern` to values of one shape, with at most `max` entries. */
export const record =
  (keyPattern: RegExp, value: Shape, max = 100): Shape =>
  (v, path, errors) => {
    if (typeOf(v) !== 'object') return fail(errors, path, `expected an object, got ${typeOf(v)}`);
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length > max) return fail(errors, path, `expected at most ${max} entries`);
    for (const [k, item] of entries) {
      if (!keyPattern.test(k)) fail(errors, `${path}/${k}`, `key does not match ${String(keyPattern)}`);
      else value(item, `${path}/${k}`, errors);
    }
  };

/** An array of one shape with a bounded length. */
export const arr =
  (item: Shape, max = 100, min = 0): Shape =>
  (v, path, errors) => {
    if (!Array.isArray(v)) return fail(errors, path, `expected an array, got ${typeOf(v)}`);
    if (v.length > max || v.length < min) return fail(errors, path, `expected ${min} to ${max} items, got ${v.length}`);
    v.forEach((x, i) => item(x, `${path}/${i}`, errors));
  };

/** Checks a value against a shape; returns every error found (empty when valid). */
export function check(shape: Shape, value: unknown): ShapeError[] {
  const errors: ShapeError[] = [];
  shape(value, '', errors);
  return errors;
}
