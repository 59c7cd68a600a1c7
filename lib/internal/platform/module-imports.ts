import type { DynamicModule, Provider } from '@nestjs/common';
import type { ModulesContainer } from '@nestjs/core';
import type { CorsConfigurationProblem } from '../../errors/cors-configuration.error.js';
import { MODULE_IMPORTS_METADATA } from './nest-metadata-keys.js';

/** Token of the provider each `forRoot()` / `forRootAsync()` result carries: which call made it. */
const CORS_MODULE_CALL = 'cors_module:call';

/** The value of that provider; its identity ties a CorsModule in the app to the import that made it. */
interface CorsModuleCall {
  readonly call: 'CorsModule.forRoot()' | 'CorsModule.forRootAsync()';
}

/** The provider a `forRoot()` / `forRootAsync()` result carries. */
export function corsModuleCall(call: CorsModuleCall['call']): Provider {
  const value: CorsModuleCall = { call };
  return { provide: CORS_MODULE_CALL, useValue: value };
}

/** A module import as `@Module({ imports })` lists it, when it is a dynamic module (`X.forRoot()`). */
function asDynamicModule(entry: unknown): DynamicModule | undefined {
  return typeof entry === 'object' && entry !== null && typeof (entry as DynamicModule).module === 'function' ? (entry as DynamicModule) : undefined;
}

/** The call a dynamic module's providers say made it, when it is one of CorsModule's. */
function callOf(module: DynamicModule): CorsModuleCall | undefined {
  for (const provider of module.providers ?? []) {
    if (typeof provider === 'object' && provider !== null && 'provide' in provider && provider.provide === CORS_MODULE_CALL && 'useValue' in provider) {
      return provider.useValue as CorsModuleCall;
    }
  }
  return undefined;
}

/**
 * Each module that imports one of `calls`, by name: read from `@Module({ imports })` of every
 * module in the app, and from the `imports` of the dynamic modules listed there (a feature
 * module's `register()` may import CorsModule). Imports given as a Promise are not followed.
 */
function importersOf(modules: ModulesContainer, calls: ReadonlySet<CorsModuleCall>): Map<CorsModuleCall, string[]> {
  const importers = new Map<CorsModuleCall, string[]>();
  const followed = new Set<DynamicModule>();
  const visit = (importer: string, imports: readonly unknown[]) => {
    for (const entry of imports) {
      const dynamic = asDynamicModule(entry);
      if (dynamic === undefined) continue;
      const call = callOf(dynamic);
      if (call !== undefined && calls.has(call)) {
        const names = importers.get(call) ?? [];
        if (!names.includes(importer)) importers.set(call, [...names, importer]);
      }
      if (followed.has(dynamic)) continue;
      followed.add(dynamic);
      visit(dynamic.module.name, dynamic.imports ?? []);
    }
  };
  for (const moduleRef of modules.values()) {
    const type = moduleRef.metatype as object | undefined;
    if (typeof type !== 'function') continue;
    visit(type.name, Reflect.getMetadata(MODULE_IMPORTS_METADATA, type) ?? []);
  }
  return importers;
}

/**
 * `CorsModule` holds the app's one CORS configuration: each `forRoot()` / `forRootAsync()` result
 * imported makes a CorsModule of its own, with its own options, and each would install itself. A
 * second one is a problem naming where each was imported (no problem for one result imported in
 * several places: that is one module).
 */
export function duplicateImportProblems(modules: ModulesContainer): CorsConfigurationProblem[] {
  const calls: CorsModuleCall[] = [];
  for (const moduleRef of modules.values()) {
    const call = moduleRef.providers.get(CORS_MODULE_CALL)?.instance as CorsModuleCall | undefined;
    if (call !== undefined) calls.push(call);
  }
  if (calls.length <= 1) return [];
  const importers = importersOf(modules, new Set(calls));
  const places = calls.map((call) => `${call.call} in ${(importers.get(call) ?? ['a module imported through a Promise']).join(', ')}`);
  return [
    {
      code: 'module-imported-twice',
      field: 'imports',
      value: places,
      location: [...new Set(calls.flatMap((call) => importers.get(call) ?? []))].join(', ') || 'CorsModule',
      message:
        `CorsModule is imported ${calls.length} times (${places.join('; ')}), but it holds the one CORS configuration of the app: ` +
        "keep one forRoot() or forRootAsync(), in the root module, with every policy; feature modules use @Cors('name') without importing CorsModule (it is global)",
    },
  ];
}
