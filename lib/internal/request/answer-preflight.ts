import type { Candidate } from '../decision/candidate.js';
import type { CorsVerdict } from '../decision/cors-verdict.js';
import { decide } from '../decision/decide.js';
import { PreflightAsk, parsePreflight } from '../decision/preflight-request.js';
import { refusal } from '../decision/refusal-text.js';
import * as H from '../http/headers.js';
import { RequestLike, pathOf } from '../http/request-target.js';
import { sendPreflightAnswer } from '../response/preflight-response.js';
import type { CorsRequestPath } from './cors-request-path.js';

/**
 * Answers a CORS preflight (OPTIONS + Origin + Access-Control-Request-Method): asks the decision
 * core about the route that would serve the requested method at that path (all of them when a
 * preflight cannot tell which: `every`), or the path's `paths` entry, and writes its answer.
 * Calls `pass` instead when nothing serves the path and `unmatchedPreflight` is `'pass'`. Never
 * throws into the app: an unexpected error refuses (fail closed). `headers` is `request.headers`,
 * passed by a caller that has read it already.
 */
export function answerPreflight(
  requestPath: CorsRequestPath,
  request: RequestLike,
  response: unknown,
  origin: string,
  pass: () => unknown,
  headers: RequestLike['headers'] = request.headers,
): void {
  let path = request.url ?? '';
  let ask: PreflightAsk | undefined;
  const finish = (verdict: CorsVerdict) => {
    ask ??= { method: String(headers[H.ACCESS_CONTROL_REQUEST_METHOD]), headerNames: [], privateNetwork: false };
    if (!verdict.allowed) requestPath.diagnostics.refusedPreflight(verdict.text, ask.method, path, origin);
    sendPreflightAnswer(requestPath.writer, response, verdict, origin, ask);
  };
  try {
    path = pathOf(request);
    const parsed = parsePreflight(headers);
    let verdict: CorsVerdict | Promise<CorsVerdict>;
    if ('allowed' in parsed) {
      // A malformed preflight is refused by the decision core too, so that it is reported like any other.
      const method = String(headers[H.ACCESS_CONTROL_REQUEST_METHOD]);
      verdict = decide({ kind: 'preflight', transport: 'http', origin, path, request, method, malformed: parsed }, [], 'every', requestPath.rules);
    } else {
      ask = parsed;
      const candidates = candidatesAt(requestPath, ask.method, path);
      if (candidates === undefined && requestPath.table.settings.passUnmatched) return void pass();
      verdict = decide({ kind: 'preflight', transport: 'http', origin, path, request, ...ask }, candidates ?? [], 'every', requestPath.rules);
    }
    if (verdict instanceof Promise) verdict.then(finish, () => finish(refusal('internal-error', undefined)));
    else finish(verdict);
  } catch {
    finish(refusal('internal-error', undefined));
  }
}

/** A controller route serving the requested method wins; a `paths` entry covers the rest. */
function candidatesAt(requestPath: CorsRequestPath, method: string, path: string): readonly Candidate[] | undefined {
  const route = requestPath.finder.find(method, path);
  if (route !== undefined) return route.candidates;
  const entry = requestPath.table.pathIndex?.find(path);
  return entry === undefined ? undefined : [entry];
}
