import type { DecisionRules } from '../decision/decide.js';
import type { DecisionReporting } from '../decision/report-decision.js';
import type { CorsSettings } from '../table/cors-table.js';
import type { CorsDiagnostics } from './cors-diagnostics.js';

/**
 * The decision core's rules for a built table, reporting origin function failures through
 * `diagnostics`, and decisions to `reporting` (the table's, see `reportingOf`; undefined when
 * nothing is reported).
 */
export function decisionRules(settings: CorsSettings, diagnostics: CorsDiagnostics, reporting?: DecisionReporting): DecisionRules {
  return Object.freeze({
    originCheckTimeout: settings.originCheckTimeout,
    requireOrigin: settings.websockets.requireOrigin,
    onOriginFunctionFailure: (candidate, origin, failure) => diagnostics.originFunctionFailed(candidate.label, origin, failure),
    reporting,
  } satisfies DecisionRules);
}
