import { describe, expect, it } from '@jest/globals';
import { PathMatchingOptions, compileExpressPath, compileFastifyPath } from '../../../lib/internal/routing/compile-path.js';

/** Express 5 defaults: case-insensitive, optional trailing slash. */
const EXPRESS_DEFAULTS: PathMatchingOptions = { caseSensitive: false, strictTrailingSlash: false };
/** Fastify defaults: case-sensitive, strict trailing slash. */
const FASTIFY_DEFAULTS: PathMatchingOptions = { caseSensitive: true, strictTrailingSlash: true };

type Row = { path: string; options: PathMatchingOptions; url: string; matches: boolean };

describe('compileExpressPath', () => {
  const sensitive: PathMatchingOptions = { caseSensitive: true, strictTrailingSlash: false };
  const strict: PathMatchingOptions = { caseSensitive: false, strictTrailingSlash: true };
  it.each<Row>([
    { path: '/items', options: EXPRESS_DEFAULTS, url: '/items', matches: true },
    { path: '/items', options: EXPRESS_DEFAULTS, url: '/items/', matches: true },
    { path: '/items', options: EXPRESS_DEFAULTS, url: '/ITEMS', matches: true },
    { path: '/items', options: EXPRESS_DEFAULTS, url: '/Items/', matches: true },
    { path: '/items', options: EXPRESS_DEFAULTS, url: '/items//', matches: false },
    { path: '/items', options: EXPRESS_DEFAULTS, url: '/itemsx', matches: false },
    { path: '/items', options: EXPRESS_DEFAULTS, url: '/items/1', matches: false },
    { path: '/items', options: EXPRESS_DEFAULTS, url: '/x/items', matches: false },
    { path: '/items', options: EXPRESS_DEFAULTS, url: '/', matches: false },
    { path: '/items/:id', options: EXPRESS_DEFAULTS, url: '/items/1', matches: true },
    { path: '/items/:id', options: EXPRESS_DEFAULTS, url: '/items/1/', matches: true },
    { path: '/items/:id', options: EXPRESS_DEFAULTS, url: '/Items/abc', matches: true },
    { path: '/items/:id', options: EXPRESS_DEFAULTS, url: '/items/a%20b', matches: true },
    { path: '/items/:id', options: EXPRESS_DEFAULTS, url: '/items/', matches: false },
    { path: '/items/:id', options: EXPRESS_DEFAULTS, url: '/items', matches: false },
    { path: '/items/:id', options: EXPRESS_DEFAULTS, url: '/items//', matches: false },
    { path: '/items/:id', options: EXPRESS_DEFAULTS, url: '/items/1/2', matches: false },
    { path: '/items/:id/parts/:part', options: EXPRESS_DEFAULTS, url: '/items/1/parts/2', matches: true },
    { path: '/items/:id/parts/:part', options: EXPRESS_DEFAULTS, url: '/items/1/parts/', matches: false },
    { path: '/items/:id/parts/:part', options: EXPRESS_DEFAULTS, url: '/items//parts/2', matches: false },
    { path: '/items{/:id}', options: EXPRESS_DEFAULTS, url: '/items', matches: true },
    { path: '/items{/:id}', options: EXPRESS_DEFAULTS, url: '/items/1', matches: true },
    { path: '/files/*path', options: EXPRESS_DEFAULTS, url: '/files/a/b/c', matches: true },
    { path: '/files/*path', options: EXPRESS_DEFAULTS, url: '/files/a', matches: true },
    { path: '/files/*path', options: EXPRESS_DEFAULTS, url: '/files', matches: false },
    { path: '/', options: EXPRESS_DEFAULTS, url: '/', matches: true },
    { path: '/', options: EXPRESS_DEFAULTS, url: '/x', matches: false },
    // caseSensitive: true
    { path: '/items', options: sensitive, url: '/items', matches: true },
    { path: '/items', options: sensitive, url: '/Items', matches: false },
    { path: '/Items/:id', options: sensitive, url: '/Items/A', matches: true },
    { path: '/Items/:id', options: sensitive, url: '/items/A', matches: false },
    // strict trailing slash
    { path: '/items', options: strict, url: '/items', matches: true },
    { path: '/items', options: strict, url: '/items/', matches: false },
    { path: '/items/:id', options: strict, url: '/items/1/', matches: false },
    { path: '/items/', options: strict, url: '/items/', matches: true },
  ])('$path ($options.caseSensitive, $options.strictTrailingSlash) vs $url -> $matches', ({ path, options, url, matches }) => {
    expect(compileExpressPath(path, options).test(url)).toBe(matches);
  });
});

describe('compileFastifyPath', () => {
  const insensitive: PathMatchingOptions = { caseSensitive: false, strictTrailingSlash: true };
  const ignoreTrailingSlash: PathMatchingOptions = { caseSensitive: true, strictTrailingSlash: false };
  it.each<Row>([
    { path: '/items', options: FASTIFY_DEFAULTS, url: '/items', matches: true },
    { path: '/items', options: FASTIFY_DEFAULTS, url: '/items/', matches: false },
    { path: '/items', options: FASTIFY_DEFAULTS, url: '/Items', matches: false },
    { path: '/items', options: FASTIFY_DEFAULTS, url: '/itemsx', matches: false },
    { path: '/items/:id', options: FASTIFY_DEFAULTS, url: '/items/1', matches: true },
    { path: '/items/:id', options: FASTIFY_DEFAULTS, url: '/items/abc-def', matches: true },
    { path: '/items/:id', options: FASTIFY_DEFAULTS, url: '/items/', matches: false },
    { path: '/items/:id', options: FASTIFY_DEFAULTS, url: '/items', matches: false },
    { path: '/items/:id', options: FASTIFY_DEFAULTS, url: '/items/1/', matches: false },
    { path: '/items/:id', options: FASTIFY_DEFAULTS, url: '/items/1/2', matches: false },
    { path: '/items/:id', options: FASTIFY_DEFAULTS, url: '/Items/1', matches: false },
    { path: '/items/:id/parts/:part', options: FASTIFY_DEFAULTS, url: '/items/1/parts/2', matches: true },
    { path: '/items/:id/parts/:part', options: FASTIFY_DEFAULTS, url: '/items//parts/2', matches: false },
    { path: '/items/:id(^\\d+)', options: FASTIFY_DEFAULTS, url: '/items/42', matches: true },
    { path: '/items/:id(^\\d+)', options: FASTIFY_DEFAULTS, url: '/items/abc', matches: false },
    { path: '/items/:id(^\\d+)', options: FASTIFY_DEFAULTS, url: '/items/42a', matches: false },
    { path: '/items/:id(^\\d+)', options: FASTIFY_DEFAULTS, url: '/items/', matches: false },
    { path: '/items/:id(^\\d+$)', options: FASTIFY_DEFAULTS, url: '/items/42', matches: true },
    { path: '/items/:id(^\\d+$)', options: FASTIFY_DEFAULTS, url: '/items/4x2', matches: false },
    { path: '/items/:id(^(a|b)$)', options: FASTIFY_DEFAULTS, url: '/items/a', matches: true },
    { path: '/items/:id(^(a|b)$)', options: FASTIFY_DEFAULTS, url: '/items/c', matches: false },
    { path: '/items/:id(^(a|b)$)/x', options: FASTIFY_DEFAULTS, url: '/items/b/x', matches: true },
    { path: '/files/*', options: FASTIFY_DEFAULTS, url: '/files/a/b/c', matches: true },
    { path: '/files/*', options: FASTIFY_DEFAULTS, url: '/files/', matches: true },
    { path: '/files/*', options: FASTIFY_DEFAULTS, url: '/files', matches: false },
    { path: '/files/*', options: FASTIFY_DEFAULTS, url: '/filesx', matches: false },
    { path: '/a::b', options: FASTIFY_DEFAULTS, url: '/a:b', matches: true },
    { path: '/a::b', options: FASTIFY_DEFAULTS, url: '/a:x', matches: false },
    { path: '/v1.0/items', options: FASTIFY_DEFAULTS, url: '/v1.0/items', matches: true },
    { path: '/v1.0/items', options: FASTIFY_DEFAULTS, url: '/v1x0/items', matches: false },
    { path: '/a+b', options: FASTIFY_DEFAULTS, url: '/a+b', matches: true },
    { path: '/a+b', options: FASTIFY_DEFAULTS, url: '/aab', matches: false },
    { path: '/', options: FASTIFY_DEFAULTS, url: '/', matches: true },
    { path: '/', options: FASTIFY_DEFAULTS, url: '/x', matches: false },
    // caseSensitive: false
    { path: '/items/:id', options: insensitive, url: '/ITEMS/1', matches: true },
    { path: '/items/:id', options: insensitive, url: '/ITEMS/1/', matches: false },
    // ignoreTrailingSlash
    { path: '/items', options: ignoreTrailingSlash, url: '/items/', matches: true },
    { path: '/items', options: ignoreTrailingSlash, url: '/items', matches: true },
    { path: '/items/', options: ignoreTrailingSlash, url: '/items', matches: true },
    { path: '/items/', options: ignoreTrailingSlash, url: '/items/', matches: true },
    { path: '/items/:id', options: ignoreTrailingSlash, url: '/items/1/', matches: true },
    { path: '/items/:id', options: ignoreTrailingSlash, url: '/items/', matches: false },
    { path: '/items', options: ignoreTrailingSlash, url: '/Items', matches: false },
  ])('$path ($options.caseSensitive, $options.strictTrailingSlash) vs $url -> $matches', ({ path, options, url, matches }) => {
    expect(compileFastifyPath(path, options).test(url)).toBe(matches);
  });

  it.each<{ path: string; options: PathMatchingOptions; source: string; flags: string }>([
    { path: '/items/:id', options: FASTIFY_DEFAULTS, source: '^\\/items\\/[^/]+?$', flags: '' },
    { path: '/items/:id(^\\d+)', options: FASTIFY_DEFAULTS, source: '^\\/items\\/(?:\\d+)$', flags: '' },
    { path: '/files/*', options: FASTIFY_DEFAULTS, source: '^\\/files\\/.*$', flags: '' },
    { path: '/items/', options: ignoreTrailingSlash, source: '^\\/items\\/?$', flags: '' },
    { path: '/items', options: insensitive, source: '^\\/items$', flags: 'i' },
  ])('compiled form of $path', ({ path, options, source, flags }) => {
    const regexp = compileFastifyPath(path, options);
    expect([regexp.source, regexp.flags]).toEqual([source, flags]);
  });
});
