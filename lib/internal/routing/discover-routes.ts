import { RequestMethod, Type, VersioningOptions, VersioningType } from '@nestjs/common';
import { ApplicationConfig, MetadataScanner, ModulesContainer } from '@nestjs/core';
import { RoutePathFactory } from '@nestjs/core/router/route-path-factory.js';
import { HOST_METADATA, METHOD_METADATA, MODULE_PATH, PATH_METADATA, VERSION_METADATA } from './nest-metadata-keys.js';

/** One route as Nest registers it on the adapter. */
export interface DiscoveredRoute {
  /** `GET`, `PUT`, ..., or `ALL` for `@All()`. */
  readonly method: string;
  /** The path exactly as registered (global prefix, URI version and module path applied). */
  readonly path: string;
  readonly controller: Type;
  readonly handlerName: string;
  /** The handler function, as `ExecutionContext.getHandler()` returns it. */
  readonly handler: (...args: unknown[]) => unknown;
  /** Set for host-bound controllers (`@Controller({ host })`). */
  readonly host?: unknown;
  /** Set when header, media-type or custom versioning tells routes on one path apart. */
  readonly version?: unknown;
}

function withLeadingSlash(path: string): string {
  return path.startsWith('/') ? path : `/${path}`;
}

/**
 * Lists every route the app registers, in registration order, computing paths with Nest's own
 * `RoutePathFactory` the way `RoutesResolver` does: module order, controllers, controller paths,
 * handlers, handler paths. Runs once at startup and has no side effects on the app.
 */
export function discoverRoutes(
  modules: ModulesContainer,
  config: ApplicationConfig,
  normalizePath: (path: string) => string,
): DiscoveredRoute[] {
  const routes: DiscoveredRoute[] = [];
  const pathFactory = new RoutePathFactory(config);
  const scanner = new MetadataScanner();
  const prefix = config.getGlobalPrefix();
  const globalPrefix = prefix ? withLeadingSlash(prefix) : '';
  const versioningOptions: VersioningOptions | undefined = config.getVersioning();
  const applicationId = (modules as unknown as { applicationId?: string }).applicationId ?? '';
  for (const moduleRef of modules.values()) {
    const moduleType = moduleRef.metatype;
    if (!moduleType) continue;
    const modulePath: string | undefined =
      Reflect.getMetadata(MODULE_PATH + applicationId, moduleType) ?? Reflect.getMetadata(MODULE_PATH, moduleType);
    for (const wrapper of moduleRef.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller || typeof controller !== 'function') continue;
      const rawPaths: string | string[] | undefined = Reflect.getMetadata(PATH_METADATA, controller);
      if (rawPaths === undefined) continue;
      const controllerPaths = (Array.isArray(rawPaths) ? rawPaths : [rawPaths]).map(withLeadingSlash);
      const host = Reflect.getMetadata(HOST_METADATA, controller);
      const controllerVersion = versioningOptions
        ? (Reflect.getMetadata(VERSION_METADATA, controller) ?? versioningOptions.defaultVersion)
        : undefined;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const ctrlPath of controllerPaths) {
        for (const handlerName of scanner.getAllMethodNames(prototype)) {
          const handler = prototype[handlerName] as DiscoveredRoute['handler'];
          const methodPath: string | string[] | undefined = Reflect.getMetadata(PATH_METADATA, handler);
          if (methodPath === undefined) continue;
          const requestMethod: RequestMethod = Reflect.getMetadata(METHOD_METADATA, handler);
          const methodVersion = Reflect.getMetadata(VERSION_METADATA, handler);
          const version = methodVersion ?? controllerVersion;
          const uriVersioned = versioningOptions?.type === VersioningType.URI;
          for (const path of (Array.isArray(methodPath) ? methodPath : [methodPath]).map(withLeadingSlash)) {
            const fullPaths = pathFactory.create(
              { ctrlPath, modulePath, globalPrefix, controllerVersion, versioningOptions, methodPath: path, methodVersion },
              requestMethod,
            );
            for (const fullPath of fullPaths) {
              routes.push({
                method: RequestMethod[requestMethod] ?? 'GET',
                path: normalizePath(fullPath),
                controller,
                handlerName,
                handler,
                host,
                version: version !== undefined && versioningOptions && !uriVersioned ? version : undefined,
              });
            }
          }
        }
      }
    }
  }
  return routes;
}
