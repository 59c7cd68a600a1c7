import type { IncomingMessage, ServerResponse } from 'node:http';
import * as H from '../http/headers.js';
import { nodeResponseWriter } from '../http/response-writer.js';
import { checkOrigin } from '../policy/check-origin.js';
import type { CompiledPolicy } from '../policy/compiled-policy.js';
import { PreflightQuestion, preflightHeaders, refuseMethodOrHeaders } from '../decision/preflight-decision.js';
import { isMethodToken, parseRequestHeaderNames } from '../http/request-header-names.js';
import { malformedOrigin } from './decide-handshake.js';
import { HandshakeGate, HandshakeScope, describeScope } from './handshake-gate.js';
import { settle } from './settle.js';

/**
 * Ends an engine.io request here with `status`, `headers` and no body, as the HTTP routes'
 * answers are written (engine.io's requests never reach the app: its raw response).
 */
export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string>): void {
  if (res.headersSent) return void res.end();
  nodeResponseWriter.sendEmpty(res, status, headers);
}

/**
 * Answers a preflight of socket.io's long-polling transport (an `OPTIONS` with `Origin` and
 * `Access-Control-Request-Method` on the engine's path, sent when the client adds headers), as
 * the HTTP routes' preflights are answered: allowed when a gateway of this server allows the
 * method, the headers and the origin (one with credentials preferred, as the engine is shared),
 * with that policy's exact headers; otherwise 403 with no `Access-Control-*` header.
 */
export function answerPollingPreflight(gate: HandshakeGate, scope: HandshakeScope, req: IncomingMessage, res: ServerResponse): void {
  const origin = String(req.headers.origin);
  const method = String(req.headers[H.ACCESS_CONTROL_REQUEST_METHOD]);
  const gateways = gate.gatewaysOf(scope);
  const settings = gate.settings();
  const refuse = (reason: string) => {
    gate.diagnostics()?.refusedPollingPreflight(origin, method, describeScope(scope, gateways), reason);
    sendEmpty(res, 403, { Vary: H.VARY_PREFLIGHT });
  };
  if (!settings) return refuse('CorsModule is not initialized');
  const invalid = malformedOrigin(origin);
  if (invalid !== undefined) return refuse(invalid);
  const rawNames = req.headers[H.ACCESS_CONTROL_REQUEST_HEADERS];
  const headerNames = rawNames === undefined ? [] : typeof rawNames === 'string' ? parseRequestHeaderNames(rawNames) : undefined;
  if (!isMethodToken(method) || headerNames === undefined) return refuse('malformed Access-Control-Request-Method or -Headers');
  const question: PreflightQuestion = {
    origin,
    method,
    headerNames,
    privateNetwork: req.headers[H.ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK] === 'true',
  };
  const reasons: string[] = [];
  const candidates: CompiledPolicy[] = [];
  for (const gateway of gateways) {
    const reason = refuseMethodOrHeaders(gateway.policy, question);
    if (reason === undefined) candidates.push(gateway.policy!);
    else reasons.push(`${reason} on ${gateway.label}`);
  }
  const verdicts = candidates.map((policy) =>
    checkOrigin(policy, origin, req, settings.originCheckTimeout, (failure) => gate.diagnostics()?.originFunctionFailed(describeScope(scope, gateways), origin, failure)),
  );
  settle(
    Promise.all(verdicts),
    (allowed) => {
      const allowing = candidates.filter((_, i) => allowed[i]);
      const chosen = allowing.find((p) => p.credentials && !p.anyOrigin) ?? allowing[0];
      if (!chosen) return refuse(candidates.length > 0 ? 'origin not allowed by any gateway here' : (reasons[0] ?? 'no gateway is served here'));
      sendEmpty(res, chosen.successStatus, preflightHeaders([chosen], question));
    },
    () => refuse('origin check failed'),
  );
}
