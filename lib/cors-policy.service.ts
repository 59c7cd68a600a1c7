import { Injectable } from '@nestjs/common';
import { CorsConfigurationError } from './errors/cors-configuration.error.js';
import { RouteCorsInfo } from './interfaces/route-cors-info.interface.js';
import { CorsRegistry } from './internal/cors-registry.js';
import { parseOriginSetting } from './internal/origin/origin-setting.js';
import { RuntimeOrigins } from './internal/origin/runtime-origins.js';
import { closestName } from './internal/policy/validate-policy-options.js';

/**
 * Origins that change at runtime, and introspection of every route's effective policy.
 * Inject it anywhere, or get it with `app.get(CorsPolicyService)`.
 * @publicApi
 */
@Injectable()
export class CorsPolicyService {
  constructor(private readonly registry: CorsRegistry) {}

  /**
   * Allows an origin (`https://tenant.example.com`) or pattern (`https://*.tenant.example`)
   * from now on, on every route whose origin rule comes from the module defaults (no
   * `policyName`) or from the named policy. Origins written inline in `@Cors({ origin })` are
   * not affected. Validated like configured origins: throws `CorsConfigurationError` for a
   * non-canonical origin, `null`, or an origin the policy's credentials forbid.
   */
  allowOrigin(origin: string, policyName?: string): void {
    const name = policyName ?? '';
    const set = this.originSet(name);
    const location = `CorsPolicyService.allowOrigin(${policyName === undefined ? '' : JSON.stringify(policyName)})`;
    if (typeof origin !== 'string' || origin === '*') {
      throw new CorsConfigurationError([
        { code: 'invalid-type', field: 'origin', value: origin, location, message: "expected one origin or pattern; '*' cannot be added at runtime" },
      ]);
    }
    const problems = this.registry.validateRuntimeOrigin(origin, name);
    if (problems.length > 0) throw new CorsConfigurationError(problems.map((p) => ({ ...p, location })));
    const setting = parseOriginSetting(origin);
    if (setting.kind === 'exact') set.addExact(setting.origin);
    else if (setting.kind === 'pattern') set.addPattern(setting.pattern);
  }

  /** Removes an origin added with `allowOrigin`. Returns whether it was there. Configured origins cannot be revoked. */
  revokeOrigin(origin: string, policyName?: string): boolean {
    return this.originSet(policyName ?? '').remove(origin);
  }

  /** The origins added at runtime to the defaults (no `policyName`) or to a named policy. */
  getRuntimeOrigins(policyName?: string): string[] {
    return this.originSet(policyName ?? '').list();
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
