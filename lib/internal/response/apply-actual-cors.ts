import * as H from '../http/headers.js';
import { appendVary } from '../http/vary.js';
import type { ResponseWriter } from '../http/response-writer.js';
import type { Grant } from '../policy/grant.js';

/**
 * Writes the CORS headers of an actual (non-preflight) response from a verdict's grant.
 * `allowed` is the verdict on the request's origin; `origin` is the exact request value, echoed
 * byte for byte (undefined: the request had no `Origin`). A refused origin gets no permission at
 * all, even if another layer had set some. With `scrub` (another CORS layer was detected at
 * startup), an allowed origin also loses the permissions the grant does not include.
 */
export function applyActualCors(
  grant: Grant | undefined,
  origin: string | undefined,
  allowed: boolean,
  response: unknown,
  writer: ResponseWriter,
  scrub = false,
): void {
  if (grant?.anyOrigin === true) {
    // The answer is the same for every origin: no Vary needed (cors-protocol M12).
    writer.setHeader(response, H.ALLOW_ORIGIN, '*');
    if (grant.exposeHeaders !== undefined) writer.setHeader(response, H.EXPOSE_HEADERS, grant.exposeHeaders);
    else if (scrub) writer.removeHeader(response, H.EXPOSE_HEADERS);
    if (scrub) writer.removeHeader(response, H.ALLOW_CREDENTIALS);
    return;
  }
  writer.setHeader(response, 'Vary', appendVary(writer.getHeader(response, H.VARY), H.VARY_ACTUAL));
  if (allowed && origin !== undefined && grant !== undefined) {
    writer.setHeader(response, H.ALLOW_ORIGIN, origin);
    if (grant.credentials) writer.setHeader(response, H.ALLOW_CREDENTIALS, 'true');
    else if (scrub) writer.removeHeader(response, H.ALLOW_CREDENTIALS);
    if (grant.exposeHeaders !== undefined) writer.setHeader(response, H.EXPOSE_HEADERS, grant.exposeHeaders);
    else if (scrub) writer.removeHeader(response, H.EXPOSE_HEADERS);
  } else if (origin !== undefined) {
    writer.removeHeader(response, H.ALLOW_ORIGIN);
    writer.removeHeader(response, H.ALLOW_CREDENTIALS);
    writer.removeHeader(response, H.EXPOSE_HEADERS);
  }
}
