import type { Type } from '@nestjs/common';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { CORS_POLICY_METADATA } from '../../cors.constants.js';
import type { DecoratedProvider, GatewayFacts } from '../table/cors-table.js';
import type { CorsMetadata } from '../policy/cors-metadata.js';
import { gatewayMetadataOf } from './nest-private-state.js';

/** What the providers of the app say about WebSockets and `@Cors()`. */
export interface ProviderDiscovery {
  readonly gateways: GatewayFacts[];
  /** Providers other than gateways with `@Cors()` on the class or a method (always a mistake). */
  readonly decorated: DecoratedProvider[];
}

/** Names of the methods of a class that carry `@Cors()`. */
function decoratedMethods(type: Type, scanner: MetadataScanner): string[] {
  const prototype = type.prototype as Record<string, unknown> | undefined;
  if (!prototype) return [];
  return scanner.getAllMethodNames(prototype).filter((name) => {
    const method = prototype[name];
    return typeof method === 'function' && Reflect.getMetadata(CORS_POLICY_METADATA, method) !== undefined;
  });
}

/**
 * Lists every `@WebSocketGateway` provider (with its port, path, namespace and `@Cors()`) and every
 * other provider class that carries `@Cors()`, in module order, each class once. Runs once at
 * startup; reads metadata only.
 */
export function discoverProviders(modules: ModulesContainer): ProviderDiscovery {
  const gateways: GatewayFacts[] = [];
  const decorated: DecoratedProvider[] = [];
  const seen = new Set<unknown>();
  const scanner = new MetadataScanner();
  for (const moduleRef of modules.values()) {
    for (const wrapper of moduleRef.providers.values()) {
      const type = wrapper.metatype as Type | null | undefined;
      // Factory providers (`useFactory`, `useExisting`) have their factory as metatype: never decorated.
      if (typeof type !== 'function' || wrapper.inject || seen.has(type)) continue;
      seen.add(type);
      const classMetadata: CorsMetadata | undefined = Reflect.getMetadata(CORS_POLICY_METADATA, type);
      const methods = decoratedMethods(type, scanner);
      const gateway = gatewayMetadataOf(type);
      if (gateway) {
        const { path, namespace, cors } = gateway.options;
        gateways.push({
          gateway: type,
          port: gateway.port,
          path: typeof path === 'string' ? path : undefined,
          namespace,
          metadata: classMetadata,
          decoratedMethods: methods,
          ownCors: cors !== undefined && cors !== false,
        });
      } else if (classMetadata !== undefined || methods.length > 0) {
        decorated.push({ provider: type, onClass: classMetadata !== undefined, methods });
      }
    }
  }
  return { gateways, decorated };
}
