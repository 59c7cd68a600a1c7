import { createRequire } from 'node:module';
import type { RouterEntry } from '../routing/preflight-router.js';

interface FindMyWayRouter {
  on(method: string | string[], path: string, handler: () => void, store: unknown): void;
  find(method: string, path: string): { params: Record<string, string | undefined>; store: unknown } | null;
}

type FindMyWayFactory = (options: Record<string, unknown>) => FindMyWayRouter;

/** Fastify's router options that change which route a path resolves to. */
export interface FastifyRouterOptions {
  caseSensitive?: boolean;
  ignoreTrailingSlash?: boolean;
  ignoreDuplicateSlashes?: boolean;
  maxParamLength?: number;
  useSemicolonDelimiter?: boolean;
  allowUnsafeRegex?: boolean;
}

/**
 * Loads the `find-my-way` that the app's Fastify uses (a dependency of Fastify, resolved through
 * `@nestjs/platform-fastify` and `fastify`), so preflights are routed by the very engine and
 * version that routes the app's requests. Returns undefined if it cannot be found.
 */
export function loadFindMyWay(): FindMyWayFactory | undefined {
  try {
    // No module URL in CommonJS: the CommonJS build (dist/cjs) type-checks the next line as an error
    // and its build step rewrites it to this file's own URL (see "build:cjs" in package.json).
    // (Not an expect-error directive: the ESM build, where the line is fine, would then fail.)
    // eslint-disable-next-line @typescript-eslint/ban-ts-comment
    // @ts-ignore
    const fromHere = createRequire(import.meta.url);
    const fromPlatform = createRequire(fromHere.resolve('@nestjs/platform-fastify/package.json'));
    const fromFastify = createRequire(fromPlatform.resolve('fastify/package.json'));
    return fromFastify('find-my-way') as FindMyWayFactory;
  } catch {
    return undefined;
  }
}

/**
 * Finds the route of a preflight on Fastify with Fastify's own router engine and options, so
 * percent-decoding, parameter priority (static, regex, plain, wildcard), `maxParamLength`,
 * trailing slashes and case are exactly Fastify's. As in Nest's Fastify adapter, a request
 * with an empty parameter matches no route.
 */
/** find-my-way wants a handler per route; the finder only reads the store, so one function serves all. */
const NO_HANDLER = () => undefined;

export class FastifyRouteFinder<T> {
  private readonly router: FindMyWayRouter;
  /** No HEAD route of its own anywhere: HEAD is served exactly where GET is, and looked up there. */
  private readonly headIsGet: boolean;

  constructor(
    createRouter: FindMyWayFactory,
    entries: readonly RouterEntry<T>[],
    options: FastifyRouterOptions,
    allMethods: readonly string[],
  ) {
    this.router = createRouter({ ...options, allowUnsafeRegex: options.allowUnsafeRegex ?? true });
    this.headIsGet = !entries.some((entry) => entry.method === 'HEAD');
    const registered = new Set<string>();
    const register = (method: string, entry: RouterEntry<T>) => {
      if (method === 'HEAD' && this.headIsGet) return;
      const key = `${method} ${entry.path}`;
      if (registered.has(key)) return;
      registered.add(key);
      this.router.on(method, entry.path, NO_HANDLER, entry);
    };
    for (const entry of entries) {
      if (entry.method === 'ALL') for (const method of allMethods) register(method, entry);
      else register(entry.method, entry);
    }
    // Fastify exposes a HEAD route for every GET route that has none of its own. Without HEAD
    // routes of the app's own, the HEAD tree would be a copy of the GET tree: none is built.
    for (const entry of entries) if (entry.method === 'GET') register('HEAD', entry);
  }

  find(method: string, path: string): RouterEntry<T> | undefined {
    let found: ReturnType<FindMyWayRouter['find']>;
    try {
      found = this.router.find(method === 'HEAD' && this.headIsGet ? 'GET' : method, path);
    } catch {
      return undefined;
    }
    if (!found) return undefined;
    for (const [name, value] of Object.entries(found.params)) {
      if (name !== '*' && value === '') return undefined;
    }
    return found.store as RouterEntry<T>;
  }
}
