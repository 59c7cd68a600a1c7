import { RequestMethod, Type, VersioningOptions, VersioningType } from '@nestjs/common';
import { ApplicationConfig, MetadataScanner, ModulesContainer } from '@nestjs/core';
// Nest's internal module (checked against @nestjs/core 11.1 and 12.5; see nest-private-state.ts).
import { RoutePathFactory } from '@nestjs/core/router/route-path-factory.js';
import { CORS_POLICY_METADATA } from '../../cors.constants.js';
import type { RouteFacts } from '../table/cors-table.js';
import {
  HEADERS_METADATA,
  HOST_METADATA,
  METHOD_METADATA,
  MODULE_PATH,
  NEXT_PARAM_TYPE,
  PATH_METADATA,
  RESPONSE_PARAM_TYPE,
  ROUTE_ARGS_METADATA,
  VERSION_METADATA,
} from './nest-metadata-keys.js';
import { applicationIdOf } from './nest-private-state.js';

/** Whether the handler takes the response or `next` (`@Res()`, `@Next()`), so it can write headers itself. */
function takesResponse(controller: Type, handlerName: string): boolean {
  const args: Record<string, unknown> | undefined = Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handlerName);
  if (!args) return false;
  return Object.keys(args).some((key) => {
    const type = Number(key.slice(0, key.indexOf(':')));
    return type === RESPONSE_PARAM_TYPE || type === NEXT_PARAM_TYPE;
  });
}

function withLeadingSlash(path: string): string {
  return path.startsWith('/') ? path : `/${path}`;
}

/**
 * Lists every route the app registers, in registration order, computing paths with Nest's own
 * `RoutePathFactory` the way `RoutesResolver` does: module order, controllers, controller paths,
 * handlers, handler paths; with the metadata CORS reads (`@Cors()`, `@Header()`, `@Res()`).
 * Runs once at startup and has no side effects on the app.
 */
export function discoverRoutes(
  modules: ModulesContainer,
  config: ApplicationConfig,
  normalizePath: (path: string) => string,
): RouteFacts[] {
  const routes: RouteFacts[] = [];
  const pathFactory = new RoutePathFactory(config);
  const scanner = new MetadataScanner();
  const prefix = config.getGlobalPrefix();
  const globalPrefix = prefix ? withLeadingSlash(prefix) : '';
  const versioningOptions: VersioningOptions | undefined = config.getVersioning();
  const applicationId = applicationIdOf(modules);
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
      const controllerMetadata = Reflect.getMetadata(CORS_POLICY_METADATA, controller);
      const controllerVersion = versioningOptions
        ? (Reflect.getMetadata(VERSION_METADATA, controller) ?? versioningOptions.defaultVersion)
        : undefined;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const ctrlPath of controllerPaths) {
        for (const handlerName of scanner.getAllMethodNames(prototype)) {
          const handler = prototype[handlerName] as RouteFacts['handler'];
          const methodPath: string | string[] | undefined = Reflect.getMetadata(PATH_METADATA, handler);
          if (methodPath === undefined) continue;
          const requestMethod: RequestMethod = Reflect.getMetadata(METHOD_METADATA, handler);
          const methodVersion = Reflect.getMetadata(VERSION_METADATA, handler);
          const version = methodVersion ?? controllerVersion;
          const uriVersioned = versioningOptions?.type === VersioningType.URI;
          const handlerMetadata = Reflect.getMetadata(CORS_POLICY_METADATA, handler);
          const headerDecorators = Reflect.getMetadata(HEADERS_METADATA, handler) ?? [];
          const response = takesResponse(controller, handlerName);
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
                controllerMetadata,
                handlerMetadata,
                headerDecorators,
                takesResponse: response,
              });
            }
          }
        }
      }
    }
  }
  return routes;
}
