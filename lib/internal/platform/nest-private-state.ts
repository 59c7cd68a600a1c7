import type { AbstractHttpAdapter, ApplicationConfig, ModulesContainer } from '@nestjs/core';
import type { RequestHook } from '../request/entry-hook.js';
import { INTERCEPTORS_METADATA } from './nest-metadata-keys.js';

/*
 * Every read or write of Nest's private state, in one place. Each was checked against
 * @nestjs/core 11.1 and 12.5, @nestjs/platform-express 11.1 and 12.5 and
 * @nestjs/platform-fastify 11.1 and 12.5; `test/e2e/platform/private-state.e2e.spec.ts` fails
 * loudly (on both adapters, and in the Nest 11 run) if one of them changes. Reads of the
 * adapters' own libraries (Express, Fastify) are in `express-platform.ts` and `fastify-platform.ts`.
 */

/**
 * The hook set with `setOnRequestHook()`: both adapters keep it in the field `onRequestHook`
 * and have no getter. Read so that a hook the app set before ours is chained, and to notice one
 * set after ours (which replaces it).
 */
export function currentRequestHook(adapter: AbstractHttpAdapter): RequestHook | undefined {
  return (adapter as unknown as { onRequestHook?: RequestHook }).onRequestHook;
}

/**
 * Moves a global guard to the front of the global guards, or takes it out. `getGlobalGuards()`
 * returns the array Nest reads when it builds each route's guards (at route registration), so
 * changing it in `configure()`, before routes are registered, changes the order Nest uses.
 */
export function placeGlobalGuard(config: ApplicationConfig, guard: object, place: 'first' | 'none'): void {
  const guards = config.getGlobalGuards() as unknown[];
  const at = guards.indexOf(guard);
  if (at === -1) return;
  guards.splice(at, 1);
  if (place === 'first') guards.unshift(guard);
}

/** Whether `getGlobalGuards()` is the live array Nest uses (see `placeGlobalGuard`). */
export function globalGuardsAreLive(config: ApplicationConfig): boolean {
  return config.getGlobalGuards() === config.getGlobalGuards();
}

/**
 * Binds an interceptor instance to one handler through Nest's interceptor metadata, which Nest
 * reads when it registers the route (after `configure()`). Instances are used as they are.
 */
export function bindInterceptor(handler: object, interceptor: object): void {
  const bound: unknown[] = Reflect.getMetadata(INTERCEPTORS_METADATA, handler) ?? [];
  if (bound.some((item) => item instanceof (interceptor.constructor as new () => unknown))) return;
  Reflect.defineMetadata(INTERCEPTORS_METADATA, [...bound, interceptor], handler);
}

/**
 * Whether `app.enableCors()` (or `NestFactory.create({ cors })`) is active on Nest's Fastify
 * adapter: the adapter keeps the hook it registers in its private `corsHook` once that plugin
 * has loaded, and has no getter.
 */
export function fastifyEnableCorsIsSet(adapter: object): boolean {
  return (adapter as unknown as { corsHook?: unknown }).corsHook !== undefined;
}

/** `routeResolutionStrategy: 'specificity'` (Nest 12); Nest 11 has no such option. */
export function resolvesBySpecificity(config: ApplicationConfig): boolean {
  const withStrategy = config as ApplicationConfig & { getRouteResolutionStrategy?: () => string | undefined };
  return withStrategy.getRouteResolutionStrategy?.() === 'specificity';
}

/** The id Nest appends to module-path metadata keys when several apps share classes (`RouterModule`). */
export function applicationIdOf(modules: ModulesContainer): string {
  return (modules as unknown as { applicationId?: string }).applicationId ?? '';
}

/**
 * The adapter's own path normalization (Express 5's adapter converts legacy `*` paths), applied
 * to every path Nest registers; identity where the adapter has none or it throws.
 */
export function pathNormalizer(adapter: AbstractHttpAdapter | undefined): (path: string) => string {
  const normalizer = (adapter as { normalizePath?: (p: string) => string } | undefined)?.normalizePath;
  if (!normalizer) return (path) => path;
  return (path) => {
    try {
      return normalizer.call(adapter, path);
    } catch {
      return path;
    }
  };
}

/*
 * `@WebSocketGateway()` metadata, read by its keys (the values of `GATEWAY_METADATA`,
 * `PORT_METADATA` and `GATEWAY_OPTIONS` in @nestjs/websockets' `constants.js`), so that the main
 * entry point never imports @nestjs/websockets, an optional peer. Checked against
 * @nestjs/websockets 12.1; `test/e2e/platform/private-state.e2e.spec.ts` fails if they move.
 */
const GATEWAY_METADATA = 'websockets:is_gateway';
const PORT_METADATA = 'port';
const GATEWAY_OPTIONS = 'websockets:gateway_options';

/** What `@WebSocketGateway(port?, options?)` stored on a class, or undefined for any other class. */
export interface GatewayMetadata {
  readonly port: number;
  readonly options: Readonly<Record<string, unknown>>;
}

/** The gateway metadata of a class, as Nest's `WebSocketsController` reads it (port 0 = the app's HTTP server). */
export function gatewayMetadataOf(type: object): GatewayMetadata | undefined {
  if (Reflect.getMetadata(GATEWAY_METADATA, type) !== true) return undefined;
  const port: unknown = Reflect.getMetadata(PORT_METADATA, type);
  const options: unknown = Reflect.getMetadata(GATEWAY_OPTIONS, type);
  return {
    port: typeof port === 'number' ? port : 0,
    options: typeof options === 'object' && options !== null ? (options as Record<string, unknown>) : {},
  };
}

/**
 * The WebSocket adapter the app set with `useWebSocketAdapter()` (or the `IoAdapter` Nest
 * creates when a gateway exists and none was set). `getIoAdapter()` is public on
 * `ApplicationConfig`; by `configure()` Nest has already connected the gateways, so it is final.
 */
export function webSocketAdapterOf(config: ApplicationConfig): object | undefined {
  const adapter: unknown = (config as ApplicationConfig & { getIoAdapter?: () => unknown }).getIoAdapter?.();
  return typeof adapter === 'object' && adapter !== null ? adapter : undefined;
}
