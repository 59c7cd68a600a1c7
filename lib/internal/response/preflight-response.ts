import type { CorsVerdict } from '../decision/cors-verdict.js';
import * as H from '../http/headers.js';
import type { ResponseWriter } from '../http/response-writer.js';
import type { PreflightAsk } from '../decision/preflight-request.js';

/**
 * Answers a preflight from its verdict, the same for HTTP routes and socket.io's polling: an
 * allowed one gets the grant's status and headers (the origin, or `*`; the requested method
 * and headers echoed, which the browser compares with what it asked; the grant's fixed
 * headers), a refused one 403 with no `Access-Control-*` header. `Vary` always names what the
 * answer depends on.
 */
export function sendPreflightAnswer(writer: ResponseWriter, response: unknown, verdict: CorsVerdict, origin: string, ask: PreflightAsk): void {
  const grant = verdict.allowed ? verdict.grant : undefined;
  if (grant === undefined) return writer.sendEmpty(response, 403, { Vary: H.VARY_PREFLIGHT });
  const headers: Record<string, string> = {
    [H.ALLOW_ORIGIN]: grant.anyOrigin ? '*' : origin,
    [H.ALLOW_METHODS]: ask.method,
    ...grant.preflightHeaders,
  };
  if (ask.headerNames.length > 0) headers[H.ALLOW_HEADERS] = ask.headerNames.join(', ');
  if (ask.privateNetwork && grant.allowPrivateNetwork) headers[H.ALLOW_PRIVATE_NETWORK] = 'true';
  headers.Vary = ask.privateNetwork ? H.VARY_PREFLIGHT_PNA : H.VARY_PREFLIGHT;
  writer.sendEmpty(response, grant.successStatus, headers);
}
