import { Injectable } from '@nestjs/common';
import { CorsConfigurationError } from './errors/cors-configuration.error.js';
import type { CorsOriginCacheStats } from './interfaces/cors-origin-cache-stats.interface.js';
import type { CorsOriginReport } from './interfaces/cors-origin-report.interface.js';
import { reportingOf } from './internal/reporting/table-reporting.js';
import { CorsEndpointInfo } from './interfaces/route-cors-info.interface.js';
import { describeRoutes } from './internal/diagnostics/route-table.js';
import { CorsRuntimeHolder } from './internal/request/cors-runtime.js';
import type { RuntimeOrigins } from './internal/origin/runtime-origins.js';
import { closestName } from './internal/policy/closest-name.js';
import type { RuntimeOriginRegistry } from './internal/origin-store/runtime-origin-registry.js';

/**
 * Origins that change at runtime, and introspection of every route's effective policy.
 * Inject it anywhere, or get it with `app.get(CorsPolicyService)`.
 * @publicApi
 */
@Injectable()
export class CorsPolicyService {
  constructor(private readonly holder: CorsRuntimeHolder) {}

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
    const registry = this.registry(name);
    const location = `CorsPolicyService.allowOrigin(${policyName === undefined ? '' : JSON.stringify(policyName)})`;
    if (typeof origin !== 'string' || origin === '*') {
      throw new CorsConfigurationError([
        { code: 'invalid-type', field: 'origin', value: origin, location, message: "expected one origin or pattern; '*' cannot be added at runtime" },
      ]);
    }
    const problems = registry.validate(origin, name);
    if (problems.length > 0) throw new CorsConfigurationError(problems.map((p) => ({ ...p, location })));
    const wasThere = registry.originsOf(name)!.list().includes(origin);
    registry.apply('add', name, origin);
    return this.holder.sync!.persist('add', name, origin, () => {
      if (!wasThere) registry.apply('remove', name, origin);
    });
  }

  /**
   * Removes an origin added with `allowOrigin`; configured origins cannot be revoked. Takes
   * effect on this instance immediately; resolves with whether it was there, once the store
   * (if any) has the change.
   */
  revokeOrigin(origin: string, policyName?: string): Promise<boolean> {
    const name = policyName ?? '';
    const registry = this.registry(name);
    const removed = registry.apply('remove', name, origin);
    return this.holder
      .sync!.persist('remove', name, origin, () => {
        if (removed) registry.apply('add', name, origin);
      })
      .then(() => removed);
  }

  /** The origins added at runtime to the defaults (no `policyName`) or to a named policy. */
  getRuntimeOrigins(policyName?: string): string[] {
    const name = policyName ?? '';
    return (this.registry(name).originsOf(name) as RuntimeOrigins).list();
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
          : suggestion
            ? `no policy of that name: did you mean "${suggestion}"?`
            : `no policy of that name; configured: ${names.map((n) => `"${n}"`).join(', ') || 'none'}`,
      },
    ]);
  }
}
