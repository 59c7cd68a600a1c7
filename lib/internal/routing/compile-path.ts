import { pathToRegexp } from 'path-to-regexp';
import { fastifyPathVariants } from './fastify-path.js';

/** How the adapter's router compares paths. */
export interface PathMatchingOptions {
  caseSensitive: boolean;
  /** Whether `/items/` and `/items` are different paths. */
  strictTrailingSlash: boolean;
}

/**
 * Compiles an Express route path with path-to-regexp, the library Express 5's router uses,
 * with the same options, so the regex accepts exactly what Express accepts.
 */
export function compileExpressPath(path: string, options: PathMatchingOptions): RegExp {
  return pathToRegexp(path, { sensitive: options.caseSensitive, trailing: !options.strictTrailingSlash, end: true }).regexp;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Compiles a Fastify (find-my-way) route path: `:param`, `:param(regex)`, `::` for a literal
 * colon, `*` for the rest of the path, and an optional last parameter (`/:param?`). Parameters must not be empty, as Nest's Fastify
 * adapter sends requests with an empty parameter to the not-found handler, nor longer than
 * `maxParamLength` when given (find-my-way then tries the next route).
 */
export function compileFastifyPath(path: string, options: PathMatchingOptions & { readonly maxParamLength?: number }): RegExp {
  const variants = fastifyPathVariants(path);
  if (variants.length === 1) return compileFastifyVariant(path, options);
  // An optional last parameter: find-my-way registers the path with it and without it.
  const [full, without] = variants.map((variant) => compileFastifyVariant(variant, options));
  return new RegExp(`(?:${full!.source})|(?:${without!.source})`, full!.flags);
}

function compileFastifyVariant(path: string, options: PathMatchingOptions & { readonly maxParamLength?: number }): RegExp {
  const plainParam = options.maxParamLength === undefined ? '[^/]+?' : `[^/]{1,${options.maxParamLength}}?`;
  let source = '';
  let i = 0;
  while (i < path.length) {
    const char = path[i]!;
    if (char === ':' && path[i + 1] === ':') {
      source += ':';
      i += 2;
    } else if (char === ':') {
      let j = i + 1;
      while (j < path.length && /[A-Za-z0-9_$]/.test(path[j]!)) j++;
      if (path[j] === '(') {
        let depth = 0;
        let k = j;
        for (; k < path.length; k++) {
          if (path[k] === '\\') k++;
          else if (path[k] === '(') depth++;
          else if (path[k] === ')' && --depth === 0) break;
        }
        const inner = path.slice(j + 1, k).replace(/^\^/, '').replace(/\$$/, '');
        source += `(?:${inner})`;
        j = k + 1;
      } else {
        source += plainParam;
      }
      i = j;
    } else if (char === '*') {
      source += '.*';
      i++;
    } else {
      source += escapeRegExp(char);
      i++;
    }
  }
  if (!options.strictTrailingSlash && source.endsWith('/') && source.length > 1) source = source.slice(0, -1);
  const trailing = options.strictTrailingSlash ? '' : '/?';
  return new RegExp(`^${source}${trailing}$`, options.caseSensitive ? '' : 'i');
}
