import type { CorsWebSocketOptions } from '../../interfaces/cors-module-options.interface.js';
import type { CorsPolicyOptions } from '../../interfaces/cors-policy-options.interface.js';
import { closestName } from '../policy/closest-name.js';
import { type FieldProblem, isPlainObject } from '../policy/validate-policy-options.js';
import type { WebSocketFacts, WebSocketSettings } from '../table/cors-table.js';
import { CORS_ADAPTER_HINT } from './adapter-hint.js';
import type { ProblemCollector } from './problem-collector.js';
import { validateDecorator } from './validate-decorator.js';
import { MODULE_LOCATION } from './validate-module-options.js';

const BOOLEAN_OPTIONS = ['requireOrigin', 'sameOrigin', 'trustForwardedHeaders', 'closeOnRevoke'] as const;
const KNOWN_OPTIONS: readonly string[] = ['policy', ...BOOLEAN_OPTIONS];

/** Validates the `websockets` module option; returns its settings with their defaults. */
export function checkWebSocketOptions(
  value: unknown,
  adapter: WebSocketFacts['adapter'],
  policies: Readonly<Record<string, CorsPolicyOptions>>,
  collector: ProblemCollector,
): { settings: WebSocketSettings; policyName: string | undefined } {
  const problems: FieldProblem[] = [];
  const options: CorsWebSocketOptions = isPlainObject(value) ? value : {};
  if (value !== undefined && !isPlainObject(value)) {
    problems.push({ code: 'invalid-type', field: 'websockets', value, message: 'expected { policy?, requireOrigin?, sameOrigin?, trustForwardedHeaders?, closeOnRevoke? }' });
  }
  for (const key of Object.keys(options)) {
    if (KNOWN_OPTIONS.includes(key)) continue;
    const suggestion = closestName(key, KNOWN_OPTIONS);
    problems.push({
      code: 'unknown-option',
      field: `websockets.${key}`,
      value: (options as Record<string, unknown>)[key],
      message: suggestion ? `unknown option: did you mean "${suggestion}"?` : `unknown option; expected one of ${KNOWN_OPTIONS.join(', ')}`,
    });
  }
  for (const key of BOOLEAN_OPTIONS) {
    if (options[key] !== undefined && typeof options[key] !== 'boolean') {
      problems.push({ code: 'invalid-type', field: `websockets.${key}`, value: options[key], message: 'expected true or false' });
    }
  }
  let policyName: string | undefined;
  if (options.policy !== undefined) {
    const found = validateDecorator({ disabled: false, policyName: options.policy }, policies);
    problems.push(...found.map((problem) => ({ ...problem, field: 'websockets.policy' })));
    if (found.length === 0) policyName = options.policy;
  }
  if (value !== undefined && adapter === 'other') {
    problems.push({
      code: 'unenforced-gateway-policy',
      field: 'websockets',
      value,
      message: `the app's WebSocket adapter does not check handshakes for CorsModule, so these options would do nothing: ${CORS_ADAPTER_HINT}`,
    });
  }
  collector.add(MODULE_LOCATION, problems);
  return {
    policyName,
    settings: {
      requireOrigin: options.requireOrigin === true,
      sameOrigin: options.sameOrigin !== false,
      trustForwardedHeaders: options.trustForwardedHeaders === true,
      closeOnRevoke: options.closeOnRevoke === true,
      adapter,
    },
  };
}
