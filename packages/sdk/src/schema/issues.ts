/**
 * Turns valibot issues into the errors server-sync answers and the SDK's tests read: a JSON
 * pointer to the field first, then what is wrong with it (`/receipts/2/policyVersion: expected a
 * string, got number`).
 */
import type { BaseIssue } from 'valibot';
import type { ShapeError } from './validate.js';

const typeOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
const article = (word: string): string => (/^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`);
/** RFC 6901: `~` and `/` inside a key are escaped. */
const pointerKey = (key: unknown): string => String(key).replace(/~/g, '~0').replace(/\//g, '~1');

/** The JSON pointer of the field an issue is about (`/` for the whole value). */
export function issuePath(issue: BaseIssue<unknown>): string {
  const keys = issue.path?.map((item) => `/${pointerKey(item.key)}`).join('') ?? '';
  return keys || '/';
}

const TYPE_NAMES: Record<string, string> = {
  string: 'string', boolean: 'boolean', number: 'number', array: 'array',
  object: 'object', strict_object: 'object', loose_object: 'object', record: 'object',
};

/**
 * The message of one issue, in the words of server-sync's API. Written here rather than in each
 * schema, so the schemas stay free of texts; a `check` keeps the message its schema gave.
 */
export function describeIssue(issue: BaseIssue<unknown>): string {
  const { input, requirement, type } = issue;
  const last = issue.path?.[issue.path.length - 1];
  if (issue.kind === 'schema') {
    if (type === 'strict_object' && issue.expected === 'never') return 'is not a known field';
    if (type === 'strict_object' && input === undefined && last !== undefined) return 'is required';
    if (type === 'picklist' || type === 'literal') {
      const options = (issue.expected ?? '').replace(/^\(|\)$/g, '').split(' | ').map((o) => o.replace(/^"|"$/g, ''));
      return options.length > 1 ? `expected one of ${options.join(', ')}` : `expected ${options[0]}`;
    }
    const name = TYPE_NAMES[type];
    return name ? `expected ${article(name)}, got ${typeOf(input)}` : `expected ${issue.expected ?? type}, got ${typeOf(input)}`;
  }
  const unit = Array.isArray(input) ? 'items' : 'characters';
  const length = typeof input === 'string' || Array.isArray(input) ? input.length : 0;
  switch (type) {
    case 'max_length':
      return `expected at most ${String(requirement)} ${unit}, got ${length}`;
    case 'min_length':
      return `expected at least ${String(requirement)} ${unit}`;
    case 'max_entries':
      return `expected at most ${String(requirement)} entries`;
    case 'regex':
      return `${last?.origin === 'key' ? 'key does not match' : 'does not match'} ${String(requirement)}`;
    default:
      return issue.message;
  }
}

/**
 * Every issue as `{ path, message }`. An array where an object belongs fails as an object whose
 * members are all missing: that is reported once, as the wrong type it is.
 */
export function toShapeErrors(issues: readonly BaseIssue<unknown>[]): ShapeError[] {
  const errors: ShapeError[] = [];
  for (const issue of issues) {
    const last = issue.path?.[issue.path.length - 1];
    const arrayForObject = issue.kind === 'schema' && issue.type === 'strict_object' && Array.isArray(last?.input);
    const error = arrayForObject
      ? { path: issuePath({ ...issue, path: issue.path?.slice(0, -1) as typeof issue.path }), message: 'expected an object, got array' }
      : { path: issuePath(issue), message: describeIssue(issue) };
    const previous = errors[errors.length - 1];
    if (previous?.path !== error.path || previous.message !== error.message) errors.push(error);
  }
  return errors;
}
