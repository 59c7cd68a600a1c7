import { Inject, Injectable, Logger, Type } from '@nestjs/common';
import { AbstractHttpAdapter, ApplicationConfig, HttpAdapterHost, ModulesContainer } from '@nestjs/core';
import { CORS_MODULE_OPTIONS, CORS_POLICY_METADATA } from '../cors.constants.js';
import { CorsMetadata } from '../decorators/cors.decorator.js';
import { CorsConfigurationError, CorsConfigurationProblem } from '../errors/cors-configuration.error.js';
import type { CorsModuleOptions } from '../interfaces/cors-module-options.interface.js';
import { CorsPolicyOptions } from '../interfaces/cors-policy-options.interface.js';
import { RouteCorsInfo } from '../interfaces/route-cors-info.interface.js';
import { FastifyRouteCors, installFastifyRouteHooks } from './actual/fastify-route-hooks.js';
import { ResponseWriter, createResponseWriter } from './http/response-writer.js';
import { OriginDecisionCache, OriginDecisionCacheStats } from './origin/origin-decision-cache.js';
import { RuntimeOrigins } from './origin/runtime-origins.js';
import { OriginPattern } from './origin/origin-pattern.js';
import { parseOriginSetting } from './origin/origin-setting.js';
import type { CorsOriginStore } from '../interfaces/cors-origin-store.interface.js';
import { CompiledPolicy } from './policy/compiled-policy.js';
import { OriginFunctionFailure } from './policy/check-origin.js';
import { compilePolicy } from './policy/compile-policy.js';
import { POLICY_FIELDS } from './policy/policy-fields.js';
import { EffectivePolicy, resolveRoutePolicy } from './policy/resolve-route-policy.js';
import { FieldProblem, closestName, validateCombination, validatePolicyFields } from './policy/validate-policy-options.js';
import { PreflightTarget, RequestHook, RouteFinder, createPreflightHook } from './preflight/preflight-hook.js';
import { PathMatchingOptions, compileExpressPath, compileFastifyPath } from './routing/compile-path.js';
import { DiscoveredRoute, discoverRoutes } from './routing/discover-routes.js';
import { HEADERS_METADATA, INTERCEPTORS_METADATA, NEXT_PARAM_TYPE, RESPONSE_PARAM_TYPE, ROUTE_ARGS_METADATA } from './routing/nest-metadata-keys.js';
import { ExpressRouteIndex } from './routing/express-route-index.js';
import { FastifyRouteFinder, FastifyRouterOptions, loadFindMyWay } from './routing/fastify-route-finder.js';
import { PreflightRouter, RouterEntry, orderEntries } from './routing/preflight-router.js';
import { ROUTE_ORDERING, type RouteOrdering } from './routing/route-specificity.js';

const DEFAULT_ORIGIN_CHECK_TIMEOUT = 5000;
const MODULE_LOCATION = 'CorsModule options';

/**
 * Collects problems with their location. A problem found in one place is reported there, once
 * per place. A problem of a route's merged policy that was already reported where it was set
 * (module options, a named policy) is not repeated; one that first appears on several routes is
 * reported once, listing the routes.
 */
class ProblemCollector {
  readonly problems: CorsConfigurationProblem[] = [];
  private readonly reported = new Set<string>();
  private readonly byRouteLocation = new Map<string, { problem: CorsConfigurationProblem; routes: string[] }>();

  /** Problems of one configuration source (module options, a policy, a decorator). */
  add(location: string, found: readonly FieldProblem[]): void {
    for (const problem of found) {
      this.reported.add(ProblemCollector.key(problem));
      this.problems.push({ ...problem, location });
    }
  }

  /** Problems of a route's merged policy; `location` is the closest level that configured CORS. */
  addForRoute(location: string, route: string, found: readonly FieldProblem[]): void {
    for (const problem of found) {
      const key = ProblemCollector.key(problem);
      if (this.reported.has(key)) continue;
      const earlier = this.byRouteLocation.get(`${key}|${location}`);
      if (earlier) {
        if (earlier.routes.push(route) <= 4) earlier.problem.route = earlier.routes.join(', ');
        else earlier.problem.route = `${earlier.routes.slice(0, 4).join(', ')} and ${earlier.routes.length - 4} more`;
        continue;
      }
      const placed: CorsConfigurationProblem = { ...problem, location, route };
      this.byRouteLocation.set(`${key}|${location}`, { problem: placed, routes: [route] });
      this.problems.push(placed);
    }
  }

  private static key(problem: FieldProblem): string {
    return `${problem.code}|${problem.field}|${String(problem.value)}`;
  }
}

interface CompiledRoute {
  readonly route: DiscoveredRoute;
  readonly label: string;
  readonly effective: EffectivePolicy | undefined;
  policy: CompiledPolicy | undefined;
}

/**
 * Everything CORS knows about the app, built once when the app initializes: every route's
 * compiled policy, the preflight router, and the runtime origin sets. The guard, the
 * interceptor, the preflight hook and `CorsPolicyService` only read from it.
 */
/**
 * `@Header('Access-Control-...')` on a route whose CORS this module manages: Nest applies it after
 * the guard, so it would silently replace the policy's answer (an `ACAO: *` for refused origins,
 * or next to credentials). Refused at startup rather than overwritten at request time.
 */
function corsHeadersFromHeaderDecorator(route: DiscoveredRoute): FieldProblem[] {
  const headers: Array<{ name: string; value: unknown }> | undefined = Reflect.getMetadata(HEADERS_METADATA, route.handler);
  return (headers ?? [])
    .filter((header) => header.name.toLowerCase().startsWith('access-control-'))
    .map((header) => ({
      code: 'cors-header-on-route' as const,
      field: `@Header('${header.name}')`,
      value: header.value,
      message: `@Header('${header.name}', ...) would replace what the route's CORS policy sends; remove it and set the policy with @Cors(...), or use @Cors(false) to manage CORS headers yourself on this route`,
    }));
}

/** Whether the handler takes the response or `next` (`@Res()`, `@Next()`), so it can write headers itself. */
function takesResponse(route: DiscoveredRoute): boolean {
  const args: Record<string, unknown> | undefined = Reflect.getMetadata(ROUTE_ARGS_METADATA, route.controller, route.handlerName);
  if (!args) return false;
  return Object.keys(args).some((key) => {
    const type = Number(key.slice(0, key.indexOf(':')));
    return type === RESPONSE_PARAM_TYPE || type === NEXT_PARAM_TYPE;
  });
}

@Injectable()
export class CorsRegistry {
  private readonly logger = new Logger('CorsModule');
  private readonly byController = new Map<Type, Map<unknown, CompiledPolicy>>();
  private readonly runtime = new Map<string, RuntimeOrigins>();
  private readonly originCaches = new Map<unknown, Map<string, OriginDecisionCache>>();
  private routes: CompiledRoute[] = [];
  private initialized = false;
  /** Labels of routes without CORS, for debug logs. */
  private readonly withoutCors = new Map<Type, Map<unknown, string>>();
  /** Log refusals (the `debug` option). */
  readonly debug: boolean;
  /** Another CORS layer (enableCors) was found at startup: permissions it set must be scrubbed. */
  otherCorsLayer = false;
  /** How responses are written on this app's adapter. */
  writer!: ResponseWriter;
  /** Milliseconds an async origin function may take. */
  readonly originCheckTimeout: number;
  /** The global CorsGuard instance (it introduces itself), so it can be left out when route hooks do its work. */
  private guard: object | undefined;
  /** With route hooks (Fastify): the routes that must get one, and those that got one. */
  private routeHooks: { expected: string[]; served: Set<string> } | undefined;

  constructor(
    @Inject(CORS_MODULE_OPTIONS) private readonly options: CorsModuleOptions,
    private readonly modules: ModulesContainer,
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: ApplicationConfig,
    @Inject(ROUTE_ORDERING) private readonly routeOrdering: RouteOrdering,
  ) {
    this.originCheckTimeout = options?.originCheckTimeout ?? DEFAULT_ORIGIN_CHECK_TIMEOUT;
    this.debug = options?.debug === true;
  }

  /** Called by `CorsGuard`'s constructor. */
  attachGuard(guard: object): void {
    this.guard = guard;
  }

  /** Debug log of an actual request whose origin got no permission. */
  reportRefusedActual(policy: CompiledPolicy, origin: string, failure?: OriginFunctionFailure): void {
    const why = failure
      ? failure.kind === 'timeout'
        ? `origin function timed out after ${failure.ms} ms`
        : 'origin function threw'
      : `origin not allowed by ${policy.originsFrom}`;
    this.logger.log(`Refused actual request from ${JSON.stringify(origin)} on ${policy.label}: ${why}`);
  }

  /** Debug log of a cross-origin request to a route without CORS. */
  reportWithoutCors(controller: Type, handler: unknown, origin: string): void {
    const label = this.withoutCors.get(controller)?.get(handler);
    if (label) this.logger.log(`Refused actual request from ${JSON.stringify(origin)} on ${label}: CORS is disabled on this route`);
  }

  /** The compiled policy of a route, or undefined when it has no CORS. A lookup, nothing else. */
  policyFor(controller: Type, handler: unknown): CompiledPolicy | undefined {
    return this.byController.get(controller)?.get(handler);
  }

  /** The runtime origin set of the default policy ('') or of a named policy, if it exists. */
  runtimeOrigins(policyName: string): RuntimeOrigins | undefined {
    return this.runtime.get(policyName);
  }

  /** Names of the configured policies. */
  policyNames(): string[] {
    return Object.keys(this.options?.policies ?? {});
  }

  /** Options of a named policy merged over the defaults ('' = the defaults). */
  policyOptions(policyName: string): CorsPolicyOptions {
    const defaults = this.defaults();
    if (policyName === '') return defaults;
    const named = this.options.policies?.[policyName] ?? {};
    const merged: CorsPolicyOptions = { ...defaults };
    for (const field of POLICY_FIELDS) {
      if (named[field] !== undefined) (merged as Record<string, unknown>)[field] = named[field];
    }
    return merged;
  }

  /** Logs an origin function that failed; the origin was refused. */
  reportOriginFunctionFailure(label: string, origin: string, failure: OriginFunctionFailure): void {
    const what =
      failure.kind === 'timeout'
        ? `did not answer within ${failure.ms} ms`
        : `threw: ${failure.error instanceof Error ? failure.error.message : String(failure.error)}`;
    this.logger.warn(`Origin function of ${label} ${what}; origin ${JSON.stringify(origin)} refused`);
  }

  /** The effective policy of every route, for introspection. */
  describeRoutes(): RouteCorsInfo[] {
    return this.routes.map(({ route, effective, policy }) => {
      const options = effective?.options;
      const origin = options?.origin;
      const origins =
        policy === undefined
          ? []
          : policy.anyOrigin
            ? ['*']
            : [...policy.matcher.describe(), ...(typeof origin === 'function' ? ['(function)'] : [])];
      return {
        method: route.method,
        path: route.path,
        controller: route.controller.name,
        handler: route.handlerName,
        enabled: policy !== undefined,
        origins,
        ...(effective?.runtimeOriginsFrom !== undefined && policy ? { runtimeOriginsFrom: effective.runtimeOriginsFrom } : {}),
        credentials: policy?.credentials ?? false,
        ...(options?.methods ? { methods: [...options.methods] } : {}),
        allowedHeaders: options?.allowedHeaders === undefined ? '*' : options.allowedHeaders === '*' ? '*' : [...options.allowedHeaders],
        exposedHeaders: options?.exposedHeaders === undefined ? [] : options.exposedHeaders === '*' ? '*' : [...options.exposedHeaders],
        ...(options?.maxAge !== undefined ? { maxAge: options.maxAge } : {}),
        allowPrivateNetwork: policy?.allowPrivateNetwork ?? false,
        sources: effective ? { ...pickSources(effective) } : {},
      };
    });
  }

  /**
   * Validates the whole configuration, compiles every route's policy and installs the
   * preflight hook. Runs in `CorsModule.configure()`, which Nest calls during `app.init()`
   * after `main.ts` has set the global prefix and versioning, and before routes are
   * registered (so per-route interceptor metadata is still read). Throws one
   * `CorsConfigurationError` listing every problem.
   */
  initialize(interceptor: object): void {
    if (this.initialized) return;
    const adapter = this.adapterHost.httpAdapter as AbstractHttpAdapter | undefined;
    const collector = new ProblemCollector();
    collector.add(MODULE_LOCATION, validatePolicyFields(this.options ?? {}, true));
    const defaults = this.defaults();
    collector.add(MODULE_LOCATION, validateCombination(defaults));
    const policies = this.options?.policies && typeof this.options.policies === 'object' ? this.options.policies : {};
    for (const [name, policy] of Object.entries(policies)) {
      const location = `policies.${name}`;
      collector.add(location, validatePolicyFields(policy));
      collector.add(location, validateCombination(this.policyOptions(name)));
    }
    this.runtime.set('', new RuntimeOrigins());
    for (const name of Object.keys(policies)) this.runtime.set(name, new RuntimeOrigins());

    const normalize = (path: string) => {
      const normalizer = (adapter as { normalizePath?: (p: string) => string } | undefined)?.normalizePath;
      try {
        return normalizer ? normalizer.call(adapter, path) : path;
      } catch {
        return path;
      }
    };
    const discovered = discoverRoutes(this.modules, this.config, normalize);
    const checkedDecorators = new Set<CorsMetadata>();
    const compiled: CompiledRoute[] = [];
    for (const route of discovered) {
      const label = `${route.controller.name}.${route.handlerName}`;
      const controllerMeta: CorsMetadata | undefined = Reflect.getMetadata(CORS_POLICY_METADATA, route.controller);
      const handlerMeta: CorsMetadata | undefined = Reflect.getMetadata(CORS_POLICY_METADATA, route.handler);
      for (const [meta, location] of [
        [controllerMeta, route.controller.name],
        [handlerMeta, label],
      ] as const) {
        if (meta && !checkedDecorators.has(meta)) {
          checkedDecorators.add(meta);
          collector.add(location, this.validateDecorator(meta, policies));
        }
      }
      const effective = resolveRoutePolicy(defaults, policies, [
        { level: 'controller', metadata: controllerMeta },
        { level: 'handler', metadata: handlerMeta },
      ]);
      if (effective) {
        const location = handlerMeta ? label : controllerMeta ? route.controller.name : MODULE_LOCATION;
        collector.addForRoute(location, `${route.method} ${route.path}`, validateCombination(effective.options));
        collector.addForRoute(label, `${route.method} ${route.path}`, corsHeadersFromHeaderDecorator(route));
      }
      compiled.push({ route, label, effective, policy: undefined });
    }
    if (collector.problems.length > 0) throw new CorsConfigurationError(collector.problems);

    // Only valid configurations are compiled, once per route (labels in logs must name the route).
    for (const entry of compiled) {
      if (!entry.effective) continue;
      const from = entry.effective.runtimeOriginsFrom;
      const source = entry.effective.sources.origin;
      const originsFrom =
        source === 'module'
          ? 'the module defaults'
          : source?.startsWith('policy:')
            ? `policy "${source.slice(7)}"`
            : source === 'controller'
              ? `@Cors() on ${entry.route.controller.name}`
              : `@Cors() on ${entry.label}`;
      const routeLabel = `${entry.route.method} ${entry.route.path} (${entry.label})`;
      entry.policy = compilePolicy(
        entry.effective.options,
        from === undefined ? undefined : this.runtime.get(from),
        routeLabel,
        originsFrom,
        this.originCacheFor(entry.effective.options),
      );
    }
    this.routes = compiled;
    for (const { route, policy, label } of compiled) {
      if (!policy) {
        let handlers = this.withoutCors.get(route.controller);
        if (!handlers) this.withoutCors.set(route.controller, (handlers = new Map()));
        handlers.set(route.handler, `${route.method} ${route.path} (${label})`);
        continue;
      }
      let handlers = this.byController.get(route.controller);
      if (!handlers) this.byController.set(route.controller, (handlers = new Map()));
      handlers.set(route.handler, policy);
      if (!policy.anyOrigin) this.bindInterceptorIfNeeded(route, interceptor);
    }
    if (adapter) {
      this.writer = createResponseWriter(adapter);
      this.installPreflightHook(adapter, compiled);
      this.warnAboutOtherCorsLayers(adapter);
      if (adapter.getType() === 'fastify' && !this.otherCorsLayer) this.installRouteHooks(adapter, compiled);
    }
    if (this.options?.logRoutes) this.logger.log(formatRouteTable(this.describeRoutes()));
    this.initialized = true;
  }

  /**
   * One cache per origin function and cache settings, shared by every route that uses both:
   * the answers are the function's, but two policies that bound or expire them differently
   * must each get their own bounds.
   */
  private originCacheFor(options: CorsPolicyOptions): OriginDecisionCache | undefined {
    const fn = options.origin;
    const settings = options.originCache;
    if (typeof fn !== 'function' || !settings) return undefined;
    const bounds = {
      ttl: settings.ttl,
      negativeTtl: settings.negativeTtl ?? Math.min(settings.ttl, 5000),
      max: settings.max ?? 10_000,
      maxNegative: settings.maxNegative ?? 10_000,
    };
    let byBounds = this.originCaches.get(fn);
    if (!byBounds) this.originCaches.set(fn, (byBounds = new Map()));
    const key = `${bounds.ttl}|${bounds.negativeTtl}|${bounds.max}|${bounds.maxNegative}`;
    let cache = byBounds.get(key);
    if (!cache) byBounds.set(key, (cache = new OriginDecisionCache(bounds)));
    return cache;
  }

  /** The caches in front of origin functions, for introspection. */
  originCacheStats(): OriginDecisionCacheStats[] {
    return [...this.originCaches.values()].flatMap((byBounds) => [...byBounds.values()].map((cache) => cache.stats()));
  }

  private defaults(): CorsPolicyOptions {
    const defaults: CorsPolicyOptions = {};
    for (const field of POLICY_FIELDS) {
      const value = this.options?.[field];
      if (value !== undefined) (defaults as Record<string, unknown>)[field] = value;
    }
    return defaults;
  }

  private validateDecorator(meta: CorsMetadata, policies: Record<string, CorsPolicyOptions>): FieldProblem[] {
    if (meta.disabled) return [];
    const problems: FieldProblem[] = [];
    if (meta.policyName !== undefined) {
      const name = meta.policyName;
      if (typeof name !== 'string' || !Object.hasOwn(policies, name)) {
        const names = Object.keys(policies);
        const suggestion = typeof name === 'string' ? closestName(name, names) : undefined;
        problems.push({
          code: 'unknown-policy',
          field: '@Cors(policyName)',
          value: name,
          message: suggestion
            ? `no policy of that name: did you mean "${suggestion}"?`
            : `no policy of that name; configured: ${names.length ? names.map((n) => `"${n}"`).join(', ') : 'none (add it to CorsModule.forRoot({ policies }))'}`,
        });
      }
    }
    if (meta.options !== undefined) {
      if (meta.options === true) {
        problems.push({ code: 'invalid-type', field: '@Cors(options)', value: true, message: 'use @Cors() to apply the module defaults here' });
      } else {
        problems.push(...validatePolicyFields(meta.options));
      }
    }
    return problems;
  }

  /**
   * Nest applies `@Header()` values after the guards, replacing the guard's `Vary: Origin`, and
   * a handler that takes the response (`@Res()`, `@Next()`) may set `Vary` itself. Only such
   * routes get the interceptor, which keeps `Origin` in the `Vary` that is sent; every other
   * route runs without an interceptor (one costs ~40% of Fastify's throughput). Bound through the
   * handler's interceptor metadata, which Nest reads when it registers the route.
   */
  private bindInterceptorIfNeeded(route: DiscoveredRoute, interceptor: object): void {
    const headers: Array<{ name: string }> | undefined = Reflect.getMetadata(HEADERS_METADATA, route.handler);
    const setsVary = headers?.some((h) => h.name.toLowerCase() === 'vary') ?? false;
    if (!setsVary && !takesResponse(route)) return;
    const bound: unknown[] = Reflect.getMetadata(INTERCEPTORS_METADATA, route.handler) ?? [];
    if (!bound.some((item) => item instanceof (interceptor.constructor as new () => unknown))) Reflect.defineMetadata(INTERCEPTORS_METADATA, [...bound, interceptor], route.handler);
  }

  private installPreflightHook(adapter: AbstractHttpAdapter, routes: readonly CompiledRoute[]): void {
    const type = adapter.getType();
    const instance = adapter.getInstance() as Record<string, unknown> & { get?: (key: string) => unknown };
    let matching: PathMatchingOptions;
    if (type === 'fastify') {
      const initial = (instance.initialConfig ?? {}) as Record<string, unknown> & { routerOptions?: Record<string, unknown> };
      const router = initial.routerOptions ?? initial;
      matching = {
        caseSensitive: router.caseSensitive !== false,
        strictTrailingSlash: router.ignoreTrailingSlash !== true,
      };
    } else {
      matching = {
        caseSensitive: instance.get?.('case sensitive routing') === true,
        strictTrailingSlash: instance.get?.('strict routing') === true,
      };
    }
    const compile = type === 'fastify' ? compileFastifyPath : compileExpressPath;
    const groups = groupByMethodAndPath(routes);
    const entries: RouterEntry<PreflightTarget>[] = [];
    for (const group of groups.values()) {
      const first = group[0]!;
      // Routes a preflight cannot tell apart (host, header/media-type version) must all allow it;
      // plain duplicates are served by the first registered, as the adapter does.
      const ambiguous = group.some((r) => r.route.host !== undefined || r.route.version !== undefined);
      const members = ambiguous ? group : [first];
      let regexp: RegExp;
      try {
        regexp = compile(first.route.path, matching);
      } catch {
        this.logger.warn(`Cannot match preflights for ${first.route.method} ${first.route.path}: unsupported path syntax`);
        continue;
      }
      entries.push({
        method: first.route.method,
        path: first.route.path,
        regexp,
        candidates: members.map((m) => ({ policy: m.policy, label: `${m.route.method} ${m.route.path} (${m.label})` })),
      });
    }
    const configWithStrategy = this.config as ApplicationConfig & { getRouteResolutionStrategy?: () => string | undefined };
    const bySpecificity = type === 'fastify' || configWithStrategy.getRouteResolutionStrategy?.() === 'specificity';
    // Nest 11 has no specificity sorter: there Express always uses registration order, and Fastify's
    // order comes from find-my-way below.
    const ordered = orderEntries(entries, bySpecificity ? this.routeOrdering.bySpecificity : undefined);
    let router: RouteFinder<PreflightTarget> = type === 'express' ? new ExpressRouteIndex(ordered, matching) : new PreflightRouter(ordered);
    if (type === 'fastify') {
      const findMyWay = loadFindMyWay();
      if (findMyWay) {
        const initial = (instance.initialConfig ?? {}) as FastifyRouterOptions & { routerOptions?: FastifyRouterOptions };
        const options = { ...initial, ...(initial.routerOptions ?? {}) };
        router = new FastifyRouteFinder(
          findMyWay,
          ordered,
          {
            caseSensitive: options.caseSensitive,
            ignoreTrailingSlash: options.ignoreTrailingSlash,
            ignoreDuplicateSlashes: options.ignoreDuplicateSlashes,
            maxParamLength: options.maxParamLength,
            useSemicolonDelimiter: options.useSemicolonDelimiter,
            allowUnsafeRegex: options.allowUnsafeRegex,
          },
          (instance.supportedMethods as string[] | undefined) ?? ['DELETE', 'GET', 'HEAD', 'PATCH', 'POST', 'PUT', 'OPTIONS'],
        );
      } else {
        this.logger.warn("Cannot load Fastify's router (find-my-way): preflights are routed by an approximation of it");
      }
    }
    const previous = (adapter as unknown as { onRequestHook?: RequestHook }).onRequestHook;
    const hook = createPreflightHook(
      {
        router,
        writer: this.writer,
        originCheckTimeout: this.originCheckTimeout,
        passUnmatched: this.options?.unmatchedPreflight === 'pass',
        // On Fastify each route's own onRequest hook already runs before body parsing.
        earlyActualHeaders: type === 'express',
        onOriginFunctionFailure: (label, origin, failure) => this.reportOriginFunctionFailure(label, origin, failure),
        onRefused: this.debug
          ? (reason, method, path, origin) =>
              this.logger.log(`Refused preflight for ${method} ${path} from ${JSON.stringify(origin)}: ${reason}`)
          : () => undefined,
      },
      previous,
    );
    this.preflightHook = hook;
    adapter.setOnRequestHook(hook as Parameters<AbstractHttpAdapter['setOnRequestHook']>[0]);
  }

  /** The hook installed on the adapter, to detect an app that replaced it. */
  preflightHook: RequestHook | undefined;

  /**
   * Validates an origin given to `allowOrigin` the way configured origins are validated,
   * against the policy itself and every route whose origins come from it (a route may add
   * `credentials: true` on top of the policy).
   */
  validateRuntimeOrigin(origin: string, policyName: string): FieldProblem[] {
    const problems = validatePolicyFields({ origin: [origin] });
    if (problems.length > 0) return problems;
    const candidates = [
      this.policyOptions(policyName),
      ...this.routes.filter((r) => r.policy && r.effective?.runtimeOriginsFrom === policyName).map((r) => r.effective!.options),
    ];
    for (const options of candidates) {
      const found = validateCombination({ ...options, origin: [origin] });
      if (found.length > 0) return found;
    }
    return [];
  }

  /**
   * `app.enableCors()` (or `NestFactory.create(..., { cors })`, or `app.use(cors())`) next to this
   * module sends a second set of decisions: on routes with CORS its headers are replaced, but
   * routes without CORS would still get its permissions.
   */
  private warnAboutOtherCorsLayers(adapter: AbstractHttpAdapter): void {
    const instance = adapter.getInstance() as {
      router?: { stack?: Array<{ name?: string }> };
      _router?: { stack?: Array<{ name?: string }> };
      hasPlugin?: (name: string) => boolean;
    };
    const stack = adapter.getType() === 'express' ? ((instance.router ?? instance._router)?.stack ?? []) : [];
    const express = stack.some((layer) => layer.name === 'corsMiddleware');
    const fastify =
      (adapter as unknown as { corsHook?: unknown }).corsHook !== undefined ||
      (typeof instance.hasPlugin === 'function' && instance.hasPlugin.call(instance, '@fastify/cors'));
    if (express || fastify) {
      this.otherCorsLayer = true;
      this.logger.warn(
        'Another CORS layer is active (app.enableCors(), NestFactory.create({ cors }) or a cors middleware). ' +
          'CorsModule answers preflights first and replaces its headers on routes with a CORS policy, but routes without one ' +
          'still get its permissions: remove it and let CorsModule decide.',
      );
    }
  }

  /**
   * Adds or removes a runtime origin in the local copy only (validated by the caller).
   * Returns whether anything changed.
   */
  applyRuntimeChange(type: 'add' | 'remove', policyName: string, origin: string): boolean {
    const set = this.runtime.get(policyName);
    if (!set) return false;
    if (type === 'remove') return set.remove(origin);
    const setting = parseOriginSetting(origin);
    if (setting.kind === 'exact') set.addExact(setting.origin);
    else if (setting.kind === 'pattern') set.addPattern(setting.pattern);
    else return false;
    return true;
  }

  /** The store runtime origins are persisted in, if any. */
  get originStore(): CorsOriginStore | undefined {
    return this.options?.originStore;
  }

  /**
   * Loads runtime origins from the store and starts following other instances' changes.
   * Waits at most `timeoutMs` for the first load: an unreachable store at startup is logged,
   * and the origins arrive with the store's next `resync`.
   */
  async connectOriginStore(timeoutMs = 3000): Promise<void> {
    const store = this.originStore;
    if (!store) return;
    let unavailableLogged = false;
    store.watch((event) => {
      if (event.type === 'add' || event.type === 'remove') {
        if (event.type === 'add' && this.validateRuntimeOrigin(event.origin, event.policy).length > 0) {
          this.logger.warn(`Origin store: ignored invalid origin ${JSON.stringify(event.origin)} for ${JSON.stringify(event.policy)}`);
          return;
        }
        this.applyRuntimeChange(event.type, event.policy, event.origin);
      } else if (event.type === 'unavailable') {
        if (!unavailableLogged) {
          unavailableLogged = true;
          const reason = event.error instanceof Error ? `: ${event.error.message}` : '';
          this.logger.warn(`Origin store unavailable${reason}; serving the last known runtime origins until it is back`);
        }
      } else {
        const afterOutage = unavailableLogged;
        unavailableLogged = false;
        void this.reloadFromStore().then(
          (count) => afterOutage && this.logger.log(`Origin store back: resynchronised ${count} runtime origins`),
          (error: unknown) => this.logger.warn(`Origin store resync failed: ${error instanceof Error ? error.message : String(error)}`),
        );
      }
    });
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.reloadFromStore(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
          timer.unref();
        }),
      ]);
    } catch (error) {
      this.logger.warn(
        `Origin store unavailable at startup (${error instanceof Error ? error.message : String(error)}); starting without runtime origins, they are loaded when it is back`,
      );
    } finally {
      clearTimeout(timer);
    }
  }

  /** Replaces every local runtime origin set with the store's content; returns how many were loaded. */
  private async reloadFromStore(): Promise<number> {
    const entries = await this.originStore!.load();
    const byPolicy = new Map<string, { exact: string[]; patterns: OriginPattern[] }>();
    for (const name of this.runtime.keys()) byPolicy.set(name, { exact: [], patterns: [] });
    let count = 0;
    for (const { policy, origin } of entries) {
      const target = byPolicy.get(policy);
      const setting = parseOriginSetting(origin);
      if (!target || setting.kind === 'invalid' || this.validateRuntimeOrigin(origin, policy).length > 0) {
        this.logger.warn(`Origin store: ignored ${JSON.stringify(origin)} for ${JSON.stringify(policy)} (unknown policy or invalid origin)`);
        continue;
      }
      if (setting.kind === 'exact') target.exact.push(setting.origin);
      else target.patterns.push(setting.pattern);
      count++;
    }
    for (const [name, { exact, patterns }] of byPolicy) this.runtime.get(name)!.replaceAll(exact, patterns);
    return count;
  }

  /**
   * On Fastify, actual requests are answered by a route-level `onRequest` hook on each route
   * instead of the global guard: Nest's guard machinery (an execution context and an async step
   * per request) costs several percent of Fastify's throughput, a route hook almost nothing, and
   * it knows its route without any lookup. Only when every route with CORS can be told apart by
   * method and path alone (no host-bound controllers, no header or media-type versioning, no
   * duplicates): otherwise the guard, which sees the handler Nest chose, stays in charge. The
   * guard is then taken out of the global guards, so Nest does not run it at all. Runs before
   * Nest registers the routes, so the hooks are added as each route is.
   */
  private installRouteHooks(adapter: AbstractHttpAdapter, routes: readonly CompiledRoute[]): void {
    const byKey = groupByMethodAndPath(routes);
    const relevant = (entry: CompiledRoute) => entry.policy !== undefined || this.debug;
    for (const group of byKey.values()) {
      if (!group.some(relevant)) continue;
      if (group.length > 1 || group.some((e) => e.route.host !== undefined || e.route.version !== undefined)) return;
    }
    const hooks = new Map<string, FastifyRouteCors>();
    for (const [key, [entry]] of byKey) {
      if (!relevant(entry!)) continue;
      const { route, policy } = entry!;
      hooks.set(key, { policy, onWithoutCors: (origin) => this.reportWithoutCors(route.controller, route.handler, origin) });
    }
    const served = installFastifyRouteHooks(
      adapter.getInstance() as Parameters<typeof installFastifyRouteHooks>[0],
      (method, path) => hooks.get(`${method} ${path}`),
      this,
    );
    this.routeHooks = { expected: [...hooks.keys()], served };
    const guards = this.config.getGlobalGuards() as unknown[];
    const at = this.guard === undefined ? -1 : guards.indexOf(this.guard);
    if (at !== -1) guards.splice(at, 1);
  }

  /**
   * After startup: every route that should have got a CORS hook got one. A miss means the
   * route table Nest registered differs from the one computed at startup; say so loudly.
   */
  checkRouteHooks(): void {
    if (!this.routeHooks) return;
    const missing = this.routeHooks.expected.filter((key) => !this.routeHooks!.served.has(key));
    if (missing.length > 0) {
      this.logger.error(`No CORS hook could be added to ${missing.join(', ')}: actual requests to these routes get no CORS headers`);
    }
  }

  /** Warns when something replaced the preflight hook after startup: preflights would then reach the app. */
  checkPreflightHook(): void {
    const adapter = this.adapterHost.httpAdapter as unknown as { onRequestHook?: RequestHook } | undefined;
    if (adapter && this.preflightHook && adapter.onRequestHook !== this.preflightHook) {
      this.logger.error(
        'httpAdapter.setOnRequestHook() was called after CorsModule installed its preflight hook, which is now replaced: ' +
          'preflights will reach guards and 404. Call setOnRequestHook() before app.init()/listen(); CorsModule chains it.',
      );
    }
  }
}

/** Routes keyed by `METHOD /path`, in registration order within each key. */
function groupByMethodAndPath(routes: readonly CompiledRoute[]): Map<string, CompiledRoute[]> {
  const groups = new Map<string, CompiledRoute[]>();
  for (const entry of routes) {
    const key = `${entry.route.method} ${entry.route.path}`;
    const group = groups.get(key);
    if (group) group.push(entry);
    else groups.set(key, [entry]);
  }
  return groups;
}

/** The startup table of the `logRoutes` option. */
function formatRouteTable(routes: readonly RouteCorsInfo[]): string {
  const rows = routes.map((r) => [
    `${r.method} ${r.path}`,
    `${r.controller}.${r.handler}`,
    r.enabled ? r.origins.join(' ') || '(runtime only)' : 'no CORS',
    r.enabled ? (r.credentials ? 'yes' : 'no') : '',
    r.enabled ? (r.methods?.join(',') ?? 'route') : '',
    r.enabled ? (r.maxAge === undefined ? '-' : String(r.maxAge)) : '',
    Object.entries(r.sources)
      .map(([field, source]) => `${field}=${source}`)
      .join(' '),
  ]);
  const header = ['route', 'handler', 'origins', 'credentials', 'methods', 'max-age', 'from'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  return ['CORS policies:', line(header), ...rows.map(line)].join('\n');
}

function pickSources(effective: EffectivePolicy): RouteCorsInfo['sources'] {
  const { origin, methods, allowedHeaders, exposedHeaders, credentials, maxAge } = effective.sources;
  return Object.fromEntries(
    Object.entries({ origin, methods, allowedHeaders, exposedHeaders, credentials, maxAge }).filter(([, v]) => v !== undefined),
  );
}
