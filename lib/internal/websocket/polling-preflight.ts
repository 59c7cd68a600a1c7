import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CorsVerdict } from '../decision/cors-verdict.js';
import { decide } from '../decision/decide.js';
import { PreflightAsk, parsePreflight } from '../decision/preflight-request.js';
import { refusal } from '../decision/refusal-text.js';
import * as H from '../http/headers.js';
import { ResponseWriter, nodeResponseWriter } from '../http/response-writer.js';
import { sendPreflightAnswer } from '../response/preflight-response.js';
import type { HandshakeGate } from './handshake-gate.js';
import { HandshakeScope, describeScope } from './handshake-scope.js';
import { handshakeOrigin } from './handshake-question.js';
import { settle } from './settle.js';

/**
 * The Node writer for engine.io's raw responses, as the HTTP routes' answers are written; a
 * response something else already started is only ended (engine.io's requests never reach the app).
 */
export const engineResponseWriter: ResponseWriter = {
  ...nodeResponseWriter,
  sendEmpty(response, status, headers) {
    if ((response as ServerResponse).headersSent) return void (response as ServerResponse).end();
    nodeResponseWriter.sendEmpty(response, status, headers);
  },
};

/**
 * Answers a preflight of socket.io's long-polling transport (an `OPTIONS` with `Origin` and
 * `Access-Control-Request-Method` on the engine's path, sent when the client adds headers), as
 * the HTTP routes' preflights are answered: the decision core asks every gateway of this server
 * (`some`: the engine is shared by namespaces), and the answer is written by the same writer.
 */
export function answerPollingPreflight(gate: HandshakeGate, scope: HandshakeScope, req: IncomingMessage, res: ServerResponse): void {
  const origin = handshakeOrigin(req) ?? '';
  const gateways = gate.gatewaysOf(scope);
  let ask: PreflightAsk = { method: String(req.headers[H.ACCESS_CONTROL_REQUEST_METHOD]), headerNames: [], privateNetwork: false };
  const finish = (verdict: CorsVerdict) => {
    if (!verdict.allowed) gate.diagnostics()?.refusedPollingPreflight(origin, ask.method, describeScope(scope, gateways), verdict.text);
    sendPreflightAnswer(engineResponseWriter, res, verdict, origin, ask);
  };
  const rules = gate.rules();
  if (rules === undefined) return finish(refusal('not-initialized', undefined));
  const parsed = parsePreflight(req.headers);
  // A malformed preflight is refused by the decision core too, so that it is reported like any other.
  const malformed = 'allowed' in parsed ? parsed : undefined;
  if (malformed === undefined) ask = parsed as PreflightAsk;
  const question = { kind: 'preflight', transport: 'socket.io', origin, request: req, ...ask, malformed } as const;
  settle(decide(question, gateways, 'some', rules), finish, () => finish(refusal('internal-error', undefined)));
}
