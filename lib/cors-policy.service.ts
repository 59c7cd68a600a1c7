import { Inject, Injectable, Logger } from '@nestjs/common';
import { CORS_DEFAULT_POLICY } from './cors.constants.js';
import { CorsConfigurationError } from './errors/cors-configuration.error.js';
import type { CorsOriginCacheStats } from './interfaces/cors-origin-cache-stats.interface.js';
import type { CorsOriginReport } from './interfaces/cors-origin-report.interface.js';
import { reportingOf } from './internal/reporting/table-reporting.js';
import { CorsEndpointInfo } from './interfaces/route-cors-info.interface.js';
import { describeRoutes } from './internal/diagnostics/route-table.js';
import { CorsAppState } from './internal/request/cors-request-path.js';
import type { RuntimeOrigins } from './internal/origin/runtime-origins.js';
import { closestName } from './internal/policy/closest-name.js';
import { parseOriginSetting } from './internal/origin/origin-setting.js';
import { errorMessage } from './internal/origin-store/error-message.js';
import type { RuntimeOriginRegistry } from './internal/origin-store/runtime-origin-registry.js';

/**
 * Origins that change at runtime, and introspection of every route's effective policy.
 * Inject it anywhere, or get it with `app.get(CorsPolicyService)`.
 * @publicApi
 */
@Injectable()
export class CorsPolicyService {
  private readonly logger = new Logger('CorsModule');

  // Injected into a property, not the constructor, so that the class's public type names nothing internal.
  @Inject(CorsAppState) private readonly holder!: CorsAppState;

  /**
   * Allows an origin (`https://tenant.example.com`) or pattern (`https://*.tenant.example`)
   * from now on, on every route whose origin rule comes from the module defaults (no
   * `policyName`, or `CORS_DEFAULT_POLICY`) or from the named policy. Origins written inline in
   * `@Cors({ origin })` are not affected.
   *
   * Takes effect on this instance immediately. The promise resolves once the origin store (if
   * any) has it. Every failure rejects it: `CorsConfigurationError` for an unknown policy, a
   * non-canonical origin, `null`, or an origin the policy's credentials forbid (nothing changes);
   * `CorsOriginStoreError` when the store does not take the change (it is undone here). Ignoring
   * the promise is safe: each failure is also logged.
   */
  allowOrigin(origin: string, policyName: string = CORS_DEFAULT_POLICY): Promise<void> {
    return this.logged('allowOrigin', () => {
      const registry = this.registry(policyName);
      const location = `CorsPolicyService.allowOrigin(${policyName === CORS_DEFAULT_POLICY ? '' : JSON.stringify(policyName)})`;
      if (typeof origin !== 'string' || origin === '*') {
        throw new CorsConfigurationError([
          { code: 'invalid-type', field: 'origin', value: origin, location, message: "expected one origin or pattern; '*' cannot be added at runtime" },
        ]);
      }
      const problems = registry.validate(origin, policyName);
      if (problems.length > 0) throw new CorsConfigurationError(problems.map((p) => ({ ...p, location })));
      return this.holder.sync!.change(policyName, origin, true).then(() => undefined);
    });
  }

  /**
   * Removes an origin added with `allowOrigin`; configured origins cannot be revoked. Takes
   * effect on this instance immediately; resolves with whether it was there, once the store (if
   * any) has the change. Failures reject, as for `allowOrigin`.
   */
  revokeOrigin(origin: string, policyName: string = CORS_DEFAULT_POLICY): Promise<boolean> {
    return this.logged('revokeOrigin', () => {
      this.registry(policyName);
      // Nothing that is not an origin or pattern was ever allowed: no revoke to record (the store
      // keeps revokes, and a caller passing arbitrary text must not make it grow).
      if (typeof origin !== 'string' || parseOriginSetting(origin).kind === 'invalid') return Promise.resolve(false);
      return this.holder.sync!.change(policyName, origin, false);
    });
  }

  /** The origins added at runtime to the defaults (no `policyName`) or to a named policy. */
  getRuntimeOrigins(policyName: string = CORS_DEFAULT_POLICY): string[] {
    return (this.registry(policyName).originsOf(policyName) as RuntimeOrigins).list();
  }

  /** Hit and size counters of the caches in front of origin functions (`originCache`), one entry per cache. */
  getOriginCacheStats(): CorsOriginCacheStats[] {
    return (this.holder.table?.originCaches ?? []).map((cache) => cache.stats());
  }

  /**
   * The origins each policy saw, with allowed and refused counts (and, under a report-only
   * rollout, how many requests the policy would have answered differently) and when each was
   * last seen; needs `originReport` in the module options (throws otherwise). Memory stays
   * bounded whatever the traffic: at most `maxOrigins` origins per policy and outcome (see
   * docs/observability.md for the exact bound).
   */
  getOriginReport(): CorsOriginReport[] {
    const report = this.holder.table === undefined ? undefined : reportingOf(this.holder.table)?.originReport();
    if (report !== undefined) return report;
    throw new CorsConfigurationError([
      {
        code: 'invalid-option',
        field: 'originReport',
        value: this.holder.table === undefined ? undefined : false,
        location: 'CorsPolicyService.getOriginReport()',
        message: this.holder.table === undefined ? 'CORS is not initialized yet: call this after app.init()' : 'the origin report is off: set originReport: true in CorsModule.forRoot()',
      },
    ]);
  }

  /**
   * The effective policy of every controller route (`kind: 'route'`) and every `paths` entry
   * (`kind: 'path'`): method, path, origins, credentials, and where each field came from.
   */
  getRoutes(): CorsEndpointInfo[] {
    return this.holder.table ? describeRoutes(this.holder.table) : [];
  }

  /**
   * Runs a change and returns its promise, with every failure (also one thrown before any
   * promise exists) as a rejection that is already marked handled and logged once here: a caller
   * that ignores the promise loses nothing but the line in the log. Store failures are logged by
   * the sync, which also undoes them.
   */
  private logged<T>(method: string, run: () => Promise<T>): Promise<T> {
    let result: Promise<T>;
    try {
      result = run();
    } catch (error) {
      this.logger.warn(`CorsPolicyService.${method} refused: ${errorMessage(error)}`);
      result = Promise.reject(error);
    }
    result.catch(() => undefined);
    return result;
  }

  /** The runtime-origin registry, once a policy of that name exists; throws a helpful error otherwise. */
  private registry(policyName: string): RuntimeOriginRegistry {
    const registry = this.holder.origins;
    if (registry?.originsOf(policyName)) return registry;
    const names = registry?.policyNames() ?? [];
    const suggestion = closestName(policyName, names);
    throw new CorsConfigurationError([
      {
        code: 'unknown-policy',
        field: 'policyName',
        value: policyName,
        location: 'CorsPolicyService',
        message: !registry
          ? 'CORS is not initialized yet: call this after app.init()'
          : policyName === ''
            ? `the module defaults are named "${CORS_DEFAULT_POLICY}" (CORS_DEFAULT_POLICY), or leave policyName out`
            : suggestion
            ? `no policy of that name: did you mean "${suggestion}"?`
            : `no policy of that name; configured: ${names.map((n) => `"${n}"`).join(', ') || 'none'}`,
      },
    ]);
  }
}
