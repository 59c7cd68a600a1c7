/**
 * Fastify route paths (find-my-way syntax) read the way find-my-way reads them when a route is
 * registered: `::` is a literal colon, `:name` a parameter whose name runs to the next `(`, `-`,
 * `.`, `/` or the end, `:name(regex)` a regex parameter, and `*` the rest of the path.
 */

/** One piece of a Fastify path. */
type FastifyPathToken =
  | { readonly kind: 'text'; readonly value: string }
  /** `regex`: the parameter is a regex node in find-my-way (a `(regex)`, or text after it in the same segment: `:file.:ext`). */
  | { readonly kind: 'param'; readonly name: string; readonly regex: boolean }
  | { readonly kind: 'wildcard' };

/** The index of the `)` that closes the `(` at `open`, skipping escaped characters; `path.length` when unclosed. */
function closingParenthesis(path: string, open: number): number {
  let depth = 0;
  for (let k = open; k < path.length; k++) {
    if (path[k] === '\\') k++;
    else if (path[k] === '(') depth++;
    else if (path[k] === ')' && --depth === 0) return k;
  }
  return path.length;
}

const ENDS_PARAM_NAME = new Set(['(', '-', '.', '/']);

/** The tokens of a Fastify path, adjacent text merged. */
function fastifyPathTokens(path: string): FastifyPathToken[] {
  const tokens: FastifyPathToken[] = [];
  let text = '';
  const flush = () => {
    if (text !== '') tokens.push({ kind: 'text', value: text });
    text = '';
  };
  for (let i = 0; i < path.length; ) {
    const char = path[i]!;
    if (char === ':' && path[i + 1] === ':') {
      text += ':';
      i += 2;
    } else if (char === ':') {
      flush();
      let j = i + 1;
      while (j < path.length && !ENDS_PARAM_NAME.has(path[j]!)) j++;
      const name = path.slice(i + 1, j);
      if (path[j] === '(') j = closingParenthesis(path, j) + 1;
      // A regex, or more text before the segment ends, makes find-my-way compile the segment to a regex.
      const regex = j > i + 1 + name.length || (j < path.length && path[j] !== '/');
      tokens.push({ kind: 'param', name, regex });
      i = j;
    } else if (char === '*') {
      flush();
      tokens.push({ kind: 'wildcard' });
      i++;
    } else {
      text += char;
      i++;
    }
  }
  flush();
  return tokens;
}

/** find-my-way's optional parameter: `/:name?` ending the path, maybe with a trailing slash. */
const OPTIONAL_PARAM = /(\/:[^/()]*?)\?(\/?)/;

/**
 * The paths find-my-way registers for a route path: the path itself, or for an optional last
 * parameter (`/items/:id?`) the path with it (`/items/:id`) and without it (`/items`).
 */
export function fastifyPathVariants(path: string): string[] {
  const match = OPTIONAL_PARAM.exec(path);
  if (match === null || match.index + match[0].length !== path.length) return [path];
  return [path.replace(OPTIONAL_PARAM, '$1$2'), path.replace(OPTIONAL_PARAM, '$2') || '/'];
}

/** The parameter names of a Fastify path in order, as find-my-way reports them (`*` for the wildcard). */
export function fastifyParamNames(path: string): string[] {
  return fastifyPathTokens(path).flatMap((t) => (t.kind === 'param' ? [t.name] : t.kind === 'wildcard' ? ['*'] : []));
}

/**
 * The whole literal segments every path matching this route starts with (`/api/items/:id`:
 * `api`, `items`), lowercased when `caseSensitive` is false. A segment that a parameter
 * continues (`/items/spec:id`) is not whole; an empty segment ends the list.
 */
export function literalSegments(path: string, caseSensitive: boolean): string[] {
  const tokens = fastifyPathTokens(path);
  const first = tokens[0];
  if (first?.kind !== 'text' || first.value[0] !== '/') return [];
  const parts = first.value.slice(1).split('/');
  if (tokens.length > 1) parts.pop();
  const segments: string[] = [];
  for (const part of parts) {
    if (part === '') break;
    segments.push(caseSensitive ? part : part.toLowerCase());
  }
  return segments;
}

// Precedence keys: find-my-way walks its tree trying, at each point of the path, a static child
// before the parametric ones before the wildcard, and a route that ends where the path ends before
// all of them. A parametric node spans the rest of its segment; it is a regex node when it has a
// regex, several parameters or text after the parameter (`:file.:ext`), and find-my-way tries regex
// nodes with a static suffix first (the longer suffix first: suffixes are anchored at the end of
// the segment, so two can both match only when one ends the other), then other regex nodes, then
// the plain parameter. Two different regex nodes of equal rank are tried in the order they were
// created, each with everything below it before the next. A key spells a route as that sequence.
const END = 0;
const REGEX_WITH_SUFFIX = 0x10001;
const REGEX = 0x10002;
const PLAIN_PARAM = 0x10003;
const WILDCARD = 0x10004;
const NODE = 0x20000;

/** The end of the parametric node starting at `start`: the end of its segment. */
function parametricNodeEnd(path: string, start: number): number {
  let j = start;
  while (j < path.length && path[j] !== '/') j = path[j] === '(' ? closingParenthesis(path, j) + 1 : j + 1;
  return j;
}

/** The router options that change how find-my-way stores a route path. */
export interface RoutePathOptions {
  readonly caseSensitive: boolean;
  /** `false` under `ignoreTrailingSlash`: `/items/` is stored as `/items`. */
  readonly strictTrailingSlash: boolean;
  /** `ignoreDuplicateSlashes`: `/a//b` is stored as `/a/b`. */
  readonly collapseSlashes?: boolean;
}

/** Routes whose paths find-my-way stores the same way compare equal, so they are normalized first. */
function storedPath(path: string, options: RoutePathOptions): string {
  if (options.collapseSlashes) path = path.replace(/\/{2,}/g, '/');
  if (!options.strictTrailingSlash && path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return options.caseSensitive ? path : path.toLowerCase();
}

/**
 * `nodes` numbers regex nodes in the order they are first met (a node is its segment with the
 * parameter names left out: routes that differ only in names share it).
 */
function precedenceKey(path: string, nodes: Map<string, number>): number[] {
  const key: number[] = [];
  for (let i = 0; i < path.length; ) {
    if (path[i] === ':' && path[i + 1] !== ':') {
      const end = parametricNodeEnd(path, i);
      const segment = path.slice(i, end);
      const tokens = fastifyPathTokens(segment);
      const last = tokens[tokens.length - 1]!;
      if (tokens.length === 1 && last.kind === 'param' && !last.regex) {
        key.push(PLAIN_PARAM);
      } else {
        const node = segment.replace(/:[^(\-./]*/g, ':');
        if (!nodes.has(node)) nodes.set(node, nodes.size);
        if (last.kind === 'text') key.push(REGEX_WITH_SUFFIX, 0x10000 - last.value.length, NODE + nodes.get(node)!);
        else key.push(REGEX, NODE + nodes.get(node)!);
      }
      i = end;
    } else if (path[i] === '*') {
      key.push(WILDCARD);
      i++;
    } else {
      key.push(1 + path.charCodeAt(i));
      i += path[i] === ':' ? 2 : 1;
    }
  }
  return key;
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const difference = (a[i] ?? END) - (b[i] ?? END);
    if (difference !== 0) return difference;
  }
  return 0;
}

/**
 * Sorts routes into the order find-my-way tries them, so the first one whose pattern matches a
 * path is the one Fastify picks: a static character before a parameter, a regex parameter before
 * a plain one, a parameter before the wildcard. Ties keep their order (which stands for the
 * registration order find-my-way uses between regex nodes of equal rank), except that a route of
 * its own for `HEAD` comes before the `GET` route at the same path Fastify would also serve `HEAD` from.
 */
export function sortByFastifyPrecedence<E extends { readonly method: string; readonly path: string }>(entries: readonly E[], options: RoutePathOptions): E[] {
  const nodes = new Map<string, number>();
  const keyed = entries.map((entry, index) => {
    const stored = storedPath(entry.path, options);
    return { entry, index, stored, key: precedenceKey(stored, nodes) };
  });
  const headFirst = (a: (typeof keyed)[number], b: (typeof keyed)[number]) =>
    a.stored === b.stored ? Number(b.entry.method === 'HEAD') - Number(a.entry.method === 'HEAD') : 0;
  keyed.sort((a, b) => compareKeys(a.key, b.key) || headFirst(a, b) || a.index - b.index);
  return keyed.map((k) => k.entry);
}
