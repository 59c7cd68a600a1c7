import type { Candidate } from '../decision/cors-question.js';
import type { CorsVerdict } from '../decision/cors-verdict.js';
import { decide } from '../decision/decide.js';
import { PreflightAsk, parsePreflight } from '../decision/preflight-request.js';
import { refusal } from '../decision/refusal-text.js';
import * as H from '../http/headers.js';
import { RequestLike, pathOf } from '../http/request-target.js';
import { sendPreflightAnswer } from '../response/preflight-response.js';
import type { CorsRuntime } from './cors-runtime.js';

/**
 * Answers a CORS preflight (OPTIONS + Origin + Access-Control-Request-Method): asks the decision
 * core about the route that would serve the requested method at that path (all of them when a
 * preflight cannot tell which: `every`), or the path's `paths` entry, and writes its answer.
 * Calls `pass` instead when nothing serves the path and `unmatchedPreflight` is `'pass'`. Never
 * throws into the app: an unexpected error refuses (fail closed).
 */
export function answerPreflight(runtime: CorsRuntime, request: RequestLike, response: unknown, origin: string, pass: () => unknown): void {
  let path = request.url ?? '';
  let ask: PreflightAsk | undefined;
  const finish = (verdict: CorsVerdict) => {
    ask ??= { method: String(request.headers[H.ACCESS_CONTROL_REQUEST_METHOD]), headerNames: [], privateNetwork: false };
    if (!verdict.allowed) runtime.diagnostics.refusedPreflight(verdict.text, ask.method, path, origin);
    sendPreflightAnswer(runtime.writer, response, verdict, origin, ask);
  };
  try {
    path = pathOf(request);
    const parsed = parsePreflight(request.headers);
    let verdict: CorsVerdict | Promise<CorsVerdict>;
    if ('allowed' in parsed) {
      // A malformed preflight is refused by the decision core too, so that it is reported like any other.
      const method = String(request.headers[H.ACCESS_CONTROL_REQUEST_METHOD]);
      verdict = decide({ kind: 'preflight', transport: 'http', origin, path, request, method, malformed: parsed }, [], 'every', runtime.rules);
    } else {
      ask = parsed;
      const candidates = candidatesAt(runtime, ask.method, path);
      if (candidates === undefined && runtime.table.settings.passUnmatched) return void pass();
      verdict = decide({ kind: 'preflight', transport: 'http', origin, path, request, ...ask }, candidates ?? [], 'every', runtime.rules);
    }
    if (verdict instanceof Promise) verdict.then(finish, () => finish(refusal('internal-error', undefined)));
    else finish(verdict);
  } catch {
    finish(refusal('internal-error', undefined));
  }
}

/** A controller route serving the requested method wins; a `paths` entry covers the rest. */
function candidatesAt(runtime: CorsRuntime, method: string, path: string): readonly Candidate[] | undefined {
  const route = runtime.finder.find(method, path);
  if (route !== undefined) return route.candidates;
  const entry = runtime.table.pathIndex?.find(path);
  return entry === undefined ? undefined : [entry];
}
