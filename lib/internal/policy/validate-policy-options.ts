import { CorsConfigurationProblemCode } from '../../errors/cors-configuration.error.js';
import { EXTENSION_REGEXP_SOURCE, extensionPatternHint } from '../origin/extension-origin.js';
import { parseOriginSetting } from '../origin/origin-setting.js';
import { unknownOptionProblem } from './foreign-options.js';
import { MODULE_FIELDS, POLICY_FIELDS } from './policy-fields.js';

/** A problem before it is placed (location and route are added by the caller). */
export interface FieldProblem {
  code: CorsConfigurationProblemCode;
  field: string;
  value: unknown;
  message: string;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);
/** Methods the browser uppercases (fetch "normalize"): their lowercase spelling can never be requested. */
const NORMALIZED_METHODS = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);
/** Fetch's forbidden request-header names: scripts cannot set them, so allowing them means nothing. */
const FORBIDDEN_REQUEST_HEADERS = new Set([
  'accept-charset', 'accept-encoding', 'access-control-request-headers', 'access-control-request-method',
  'connection', 'content-length', 'cookie', 'cookie2', 'date', 'dnt', 'expect', 'host', 'keep-alive',
  'origin', 'referer', 'set-cookie', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'via',
]);

/** An options object as configuration gives it: not null, an array or a RegExp. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof RegExp);
}

function isPlainObjectLike(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** True when a RegExp can only match a whole value: `^...$` with no top-level alternation. */
export function isAnchoredRegExp(regexp: RegExp): boolean {
  const source = regexp.source;
  if (!source.startsWith('^') || !source.endsWith('$')) return false;
  let backslashes = 0;
  for (let i = source.length - 2; i >= 0 && source[i] === '\\'; i--) backslashes++;
  if (backslashes % 2 === 1) return false;
  let depth = 0;
  let inClass = false;
  for (let i = 1; i < source.length - 1; i++) {
    const char = source[i];
    if (char === '\\') {
      i++;
    } else if (inClass) {
      if (char === ']') inClass = false;
    } else if (char === '[') {
      inClass = true;
    } else if (char === '(') {
      depth++;
    } else if (char === ')') {
      depth--;
    } else if (char === '|' && depth === 0) {
      return false;
    }
  }
  return true;
}

function validateOrigin(origin: unknown, problems: FieldProblem[]): void {
  const add = (code: CorsConfigurationProblemCode, field: string, value: unknown, message: string) =>
    problems.push({ code, field, value, message });
  if (origin === undefined || origin === false || origin === '*' || typeof origin === 'function') return;
  if (origin === true) {
    add('reflect-any-origin', 'origin', origin, "reflecting every origin is unsafe; use '*' (no credentials) or list the origins");
    return;
  }
  const items = Array.isArray(origin) ? origin : [origin];
  items.forEach((item, index) => {
    const field = Array.isArray(origin) ? `origin[${index}]` : 'origin';
    if (item instanceof RegExp) {
      if (!isAnchoredRegExp(item)) {
        const inner = item.source.replace(/^\^/, '').replace(/\$$/, '');
        add('unanchored-regexp', field, item, `a RegExp must match the whole origin: use /^(?:${inner})$/`);
      }
      if (EXTENSION_REGEXP_SOURCE.test(item.source)) {
        add('unsupported-pattern', field, item, extensionPatternHint('a RegExp over extension origins'));
      }
      if (item.global || item.sticky || item.multiline) {
        add('stateful-regexp', field, item, 'remove the g, y and m flags: they make matching depend on earlier calls or line breaks');
      }
    } else if (typeof item === 'string') {
      if (item === '*') {
        if (Array.isArray(origin)) add('wildcard-in-list', field, item, "'*' allows every origin: use origin: '*' alone");
        return;
      }
      const setting = parseOriginSetting(item);
      if (setting.kind === 'invalid') add(setting.code, field, item, setting.hint);
    } else {
      add('invalid-type', field, item, "expected an origin string, a RegExp, '*', false, a list or a function");
    }
  });
}

function validateTokenList(
  options: Record<string, unknown>,
  field: 'methods' | 'allowedHeaders' | 'exposedHeaders',
  problems: FieldProblem[],
): void {
  const value = options[field];
  if (value === undefined) return;
  if (value === '*' && field !== 'methods') return;
  if (!Array.isArray(value)) {
    const expected = field === 'methods' ? 'a list of method names' : "a list of header names or '*'";
    const hint = value === '*' && field === 'methods' ? "; omit methods to allow the method of each route" : '';
    problems.push({ code: 'invalid-type', field, value, message: `expected ${expected}${hint}` });
    return;
  }
  value.forEach((item, index) => {
    const at = `${field}[${index}]`;
    if (item === '*') {
      const message = field === 'methods' ? 'omit methods to allow the method of each route' : `use ${field}: '*' alone`;
      problems.push({ code: 'wildcard-in-list', field: at, value: item, message });
    } else if (typeof item !== 'string' || !TOKEN.test(item)) {
      problems.push({
        code: field === 'methods' ? 'invalid-method' : 'invalid-header-name',
        field: at,
        value: item,
        message: 'not an HTTP token: one invalid name makes the browser reject the whole preflight',
      });
    } else if (field === 'methods') {
      if (FORBIDDEN_METHODS.has(item.toUpperCase())) {
        problems.push({ code: 'forbidden-method', field: at, value: item, message: 'browsers never send this method; remove it' });
      } else if (item !== item.toUpperCase() && NORMALIZED_METHODS.has(item.toUpperCase())) {
        problems.push({
          code: 'lowercase-method',
          field: at,
          value: item,
          message: `methods are case-sensitive and browsers send "${item.toUpperCase()}": use "${item.toUpperCase()}"`,
        });
      }
    } else if (field === 'allowedHeaders') {
      const lower = item.toLowerCase();
      if (FORBIDDEN_REQUEST_HEADERS.has(lower) || lower.startsWith('proxy-') || lower.startsWith('sec-')) {
        problems.push({
          code: 'forbidden-request-header',
          field: at,
          value: item,
          message: 'a forbidden request header: scripts cannot set it and browsers never ask for it; remove it',
        });
      }
    } else if (/^set-cookie2?$/i.test(item)) {
      problems.push({ code: 'set-cookie-exposed', field: at, value: item, message: 'browsers never expose Set-Cookie to scripts; remove it' });
    }
  });
}

/**
 * Checks the shape and value of each field of one options object (module defaults, a named
 * policy or a decorator). Combinations are checked on merged policies by `validateCombination`.
 */
export function validatePolicyFields(options: unknown, isModuleOptions = false): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!isPlainObject(options)) {
    problems.push({ code: 'invalid-type', field: '(options)', value: options, message: 'expected an options object' });
    return problems;
  }
  const known: readonly string[] = isModuleOptions ? [...POLICY_FIELDS, ...MODULE_FIELDS] : POLICY_FIELDS;
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) problems.push(unknownOptionProblem(key, options[key], known, isModuleOptions ? [] : MODULE_FIELDS));
  }
  validateOrigin(options.origin, problems);
  validateTokenList(options, 'methods', problems);
  validateTokenList(options, 'allowedHeaders', problems);
  validateTokenList(options, 'exposedHeaders', problems);
  for (const field of ['credentials', 'allowPrivateNetwork', 'dangerouslyAllowInsecureOriginsWithCredentials', 'dangerouslyAllowPublicSuffixWildcards']) {
    const value = options[field];
    if (value !== undefined && typeof value !== 'boolean') {
      problems.push({ code: 'invalid-type', field, value, message: 'expected true or false' });
    }
  }
  const maxAge = options.maxAge;
  if (maxAge !== undefined && !(Number.isInteger(maxAge) && (maxAge as number) >= 0 && (maxAge as number) <= 86400)) {
    problems.push({ code: 'invalid-max-age', field: 'maxAge', value: maxAge, message: 'expected whole seconds in 0..86400 (Chromium caps at 7200)' });
  }
  const status = options.optionsSuccessStatus;
  if (status !== undefined && !(Number.isInteger(status) && (status as number) >= 200 && (status as number) <= 299)) {
    problems.push({ code: 'invalid-status', field: 'optionsSuccessStatus', value: status, message: 'a preflight must succeed with 200..299; 204 is usual' });
  }
  const cache = options.originCache;
  if (cache !== undefined && cache !== false) {
    const integer = (value: unknown, min: number, max: number) => Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
    if (!isPlainObject(cache)) {
      problems.push({ code: 'invalid-type', field: 'originCache', value: cache, message: 'expected { ttl, negativeTtl?, max?, maxNegative? } or false' });
    } else {
      if (!integer(cache.ttl, 1, 86_400_000)) {
        problems.push({ code: 'invalid-option', field: 'originCache.ttl', value: cache.ttl, message: 'expected milliseconds in 1..86400000' });
      }
      if (cache.negativeTtl !== undefined && !integer(cache.negativeTtl, 0, 86_400_000)) {
        problems.push({ code: 'invalid-option', field: 'originCache.negativeTtl', value: cache.negativeTtl, message: 'expected milliseconds in 0..86400000' });
      }
      for (const field of ['max', 'maxNegative']) {
        if (cache[field] !== undefined && !integer(cache[field], 0, 1_000_000)) {
          problems.push({ code: 'invalid-option', field: `originCache.${field}`, value: cache[field], message: 'expected a count in 0..1000000' });
        }
      }
      for (const key of Object.keys(cache)) {
        if (!['ttl', 'negativeTtl', 'max', 'maxNegative'].includes(key)) {
          problems.push({ code: 'unknown-option', field: `originCache.${key}`, value: cache[key], message: 'expected ttl, negativeTtl, max or maxNegative' });
        }
      }
    }
  }
  if (isModuleOptions) {
    const unmatched = options.unmatchedPreflight;
    if (unmatched !== undefined && unmatched !== 'refuse' && unmatched !== 'pass') {
      problems.push({ code: 'invalid-option', field: 'unmatchedPreflight', value: unmatched, message: "expected 'refuse' or 'pass'" });
    }
    const timeout = options.originCheckTimeout;
    if (timeout !== undefined && !(Number.isInteger(timeout) && (timeout as number) > 0 && (timeout as number) <= 60000)) {
      problems.push({ code: 'invalid-option', field: 'originCheckTimeout', value: timeout, message: 'expected milliseconds in 1..60000' });
    }
    for (const field of ['debug', 'logRoutes', 'readableNotFound']) {
      const value = options[field];
      if (value !== undefined && typeof value !== 'boolean') {
        problems.push({ code: 'invalid-type', field, value, message: 'expected true or false' });
      }
    }
    const store = options.originStore as Record<string, unknown> | undefined;
    if (store !== undefined && !(isPlainObjectLike(store) && ['sync', 'add', 'remove', 'watch'].every((m) => typeof store[m] === 'function'))) {
      // A store written for the interface before versions (load() instead of sync()) says so.
      const hint = isPlainObjectLike(store) && typeof store.load === 'function' ? '; load() became sync(known), see docs/runtime-origins.md' : '';
      const className = isPlainObjectLike(store) ? (store.constructor as { name?: string } | undefined)?.name : undefined;
      const value = !isPlainObjectLike(store) ? store : className && className !== 'Object' ? `a ${className}` : 'an object';
      problems.push({ code: 'invalid-type', field: 'originStore', value, message: `expected a CorsOriginStore (sync, add, remove and watch methods)${hint}` });
    }
    const policies = options.policies;
    if (policies !== undefined && !isPlainObject(policies)) {
      problems.push({ code: 'invalid-type', field: 'policies', value: policies, message: 'expected an object of named policies' });
    }
  }
  return problems;
}
