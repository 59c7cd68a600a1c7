/** Longest `Access-Control-Request-Headers` value considered (Chromium sends far less). */
export const MAX_REQUEST_HEADERS_LENGTH = 8192;
/** Most header names one preflight may ask for. */
export const MAX_REQUEST_HEADER_NAMES = 128;
/** Empty list items tolerated (`a,,b`), as intermediaries may produce a few. */
export const MAX_EMPTY_ITEMS = 16;

const TOKEN_CHARS = new Uint8Array(128);
for (const char of "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") {
  TOKEN_CHARS[char.charCodeAt(0)] = 1;
}

function isOws(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/**
 * Parses `Access-Control-Request-Headers` as an HTTP list of tokens (RFC 9110 5.6.1): optional
 * whitespace, empty items and values joined from repeated lines (`a, b`) are accepted. Returns
 * the names lowercased, or undefined when the value is malformed or over the caps. One pass,
 * linear in the length, no backtracking.
 */
export function parseRequestHeaderNames(value: string): string[] | undefined {
  const length = value.length;
  if (length > MAX_REQUEST_HEADERS_LENGTH) return undefined;
  const names: string[] = [];
  let empty = 0;
  let i = 0;
  while (i <= length) {
    while (i < length && isOws(value.charCodeAt(i))) i++;
    const start = i;
    while (i < length) {
      const code = value.charCodeAt(i);
      if (code >= 128 || TOKEN_CHARS[code] === 0) break;
      i++;
    }
    const end = i;
    while (i < length && isOws(value.charCodeAt(i))) i++;
    if (i < length && value.charCodeAt(i) !== 0x2c) return undefined;
    if (end === start) {
      if (++empty > MAX_EMPTY_ITEMS) return undefined;
    } else {
      if (names.length === MAX_REQUEST_HEADER_NAMES) return undefined;
      names.push(value.slice(start, end).toLowerCase());
    }
    i++;
  }
  return names;
}

/** An HTTP method token as `Access-Control-Request-Method` must carry. */
export function isMethodToken(value: string): boolean {
  if (value.length === 0 || value.length > 32) return false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 128 || TOKEN_CHARS[code] === 0) return false;
  }
  return true;
}
