import type { DecisionRules } from '../decision/decide.js';
import type { CorsSettings } from '../table/cors-table.js';
import type { CorsDiagnostics } from './cors-diagnostics.js';

/** The decision core's rules for a built table, reporting origin function failures through `diagnostics`. */
export function decisionRules(settings: CorsSettings, diagnostics: CorsDiagnostics): DecisionRules {
  return Object.freeze({
    originCheckTimeout: settings.originCheckTimeout,
    requireOrigin: settings.websockets.requireOrigin,
    onOriginFunctionFailure: (candidate, origin, failure) => diagnostics.originFunctionFailed(candidate.label, origin, failure),
  } satisfies DecisionRules);
}
