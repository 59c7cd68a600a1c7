import { Injectable, Logger } from '@nestjs/common';
import { CorsConfigurationError } from './errors/cors-configuration.error.js';
import { RouteCorsInfo } from './interfaces/route-cors-info.interface.js';
import { CorsRegistry } from './internal/cors-registry.js';
import { RuntimeOrigins } from './internal/origin/runtime-origins.js';
import { closestName } from './internal/policy/validate-policy-options.js';

/**
 * Origins that change at runtime, and introspection of every route's effective policy.
 * Inject it anywhere, or get it with `app.get(CorsPolicyService)`.
 * @publicApi
 */
@Injectable()
export class CorsPolicyService {
  private readonly logger = new Logger('CorsModule');

  constructor(private readonly registry: CorsRegistry) {}

  /**
   * Allows an origin (`https://tenant.example.com`) or pattern (`https://*.tenant.example`)
   * from now on, on every route whose origin rule comes from the module defaults (no
   * `policyName`) or from the named policy. Origins written inline in `@Cors({ origin })` are
   * not affected. Validated like configured origins: throws `CorsConfigurationError` at once for
   * a non-canonical origin, `null`, or an origin the policy's credentials forbid.
   *
   * Takes effect on this instance immediately. The promise resolves once the origin store (if
   * any) has it, and rejects, undoing the change, if the store write fails. Ignoring the promise
   * is safe: a failure is then only logged.
   */
  allowOrigin(origin: string, policyName?: string): Promise<void> {
    const name = policyName ?? '';
    this.originSet(name);
    const location = `CorsPolicyService.allowOrigin(${policyName === undefined ? '' : JSON.stringify(policyName)})`;
    if (typeof origin !== 'string' || origin === '*') {
      throw new CorsConfigurationError([
        { code: 'invalid-type', field: 'origin', value: origin, location, message: "expected one origin or pattern; '*' cannot be added at runtime" },
      ]);
    }
    const problems = this.registry.validateRuntimeOrigin(origin, name);
    if (problems.length > 0) throw new CorsConfigurationError(problems.map((p) => ({ ...p, location })));
    const wasThere = this.originSet(name).list().includes(origin);
    this.registry.applyRuntimeChange('add', name, origin);
    return this.persist('add', name, origin, () => {
      if (!wasThere) this.registry.applyRuntimeChange('remove', name, origin);
    });
  }

  /**
   * Removes an origin added with `allowOrigin`; configured origins cannot be revoked. Takes
   * effect on this instance immediately; resolves with whether it was there, once the store
   * (if any) has the change.
   */
  revokeOrigin(origin: string, policyName?: string): Promise<boolean> {
    const name = policyName ?? '';
    this.originSet(name);
    const removed = this.registry.applyRuntimeChange('remove', name, origin);
    return this.persist('remove', name, origin, () => {
      if (removed) this.registry.applyRuntimeChange('add', name, origin);
    }).then(() => removed);
  }

  private persist(type: 'add' | 'remove', policy: string, origin: string, undo: () => void): Promise<void> {
    const store = this.registry.originStore;
    if (!store) return Promise.resolve();
    const write = (type === 'add' ? store.add(policy, origin) : store.remove(policy, origin)).catch((error: unknown) => {
      undo();
      this.logger.warn(`Origin store write failed (${type} ${JSON.stringify(origin)}); change undone: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    });
    // Marks the rejection as handled for callers that ignore the promise; awaiting it still throws.
    write.catch(() => undefined);
    return write;
  }

  /** The origins added at runtime to the defaults (no `policyName`) or to a named policy. */
  getRuntimeOrigins(policyName?: string): string[] {
    return this.originSet(policyName ?? '').list();
  }

  /** Hit and size counters of the caches in front of origin functions (`originCache`). */
  getOriginCacheStats() {
    return this.registry.originCacheStats();
  }

  /** The effective policy of every route: method, path, origins, credentials, and where each field came from. */
  getRoutes(): RouteCorsInfo[] {
    return this.registry.describeRoutes();
  }

  private originSet(policyName: string): RuntimeOrigins {
    const set = this.registry.runtimeOrigins(policyName);
    if (set) return set;
    const names = this.registry.policyNames();
    const suggestion = closestName(policyName, names);
    throw new CorsConfigurationError([
      {
        code: 'unknown-policy',
        field: 'policyName',
        value: policyName,
        location: 'CorsPolicyService',
        message: names.length === 0 && !this.registryReady()
          ? 'CORS is not initialized yet: call this after app.init()'
          : suggestion
            ? `no policy of that name: did you mean "${suggestion}"?`
            : `no policy of that name; configured: ${names.map((n) => `"${n}"`).join(', ') || 'none'}`,
      },
    ]);
  }

  private registryReady(): boolean {
    return this.registry.runtimeOrigins('') !== undefined;
  }
}
