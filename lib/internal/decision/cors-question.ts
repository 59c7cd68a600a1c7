import type { CorsDecisionKind, CorsDecisionTransport } from '../../interfaces/cors-decision-event.interface.js';
import type { RefusedVerdict } from './cors-verdict.js';

/** The transport a question comes from; it decides the few rules that differ (see `decide`). */
export type Transport = CorsDecisionTransport;

/**
 * What is asked:
 * - `preflight`: may the origin send this method and these headers (HTTP, socket.io polling)?
 * - `actual`: may the origin read this response (HTTP routes and `paths` entries)?
 * - `handshake`: may the origin open a connection (upgrades, socket.io polling sessions and
 *   namespace connects)?
 */
type QuestionKind = CorsDecisionKind;

/**
 * How the verdicts of several candidates combine, written once here:
 * - `every`: each candidate must allow. A request reaches all of them or cannot tell which one
 *   it reaches: HTTP routes a request cannot tell apart (host, header/media-type versions), a
 *   socket.io namespace or a ws server with several gateways. The grant is what every one allows.
 * - `some`: one candidate allowing is enough. A socket.io engine is shared by namespaces that
 *   check their own gateways on connect, so the engine admits an origin any gateway of the
 *   server admits; the grant is the one allowing policy that grants the most (credentials first).
 */
export type Combine = 'every' | 'some';

/** A CORS question, already parsed from the request (see `parsePreflight`). */
export interface CorsQuestion {
  readonly kind: QuestionKind;
  readonly transport: Transport;
  /** The `Origin` header as sent (repeated lines joined); undefined without one. */
  readonly origin: string | undefined;
  /** HTTP: the request path, for the words of a refusal (`no-route`). */
  readonly path?: string;
  /** Preflights: the requested method; actual requests nothing serves: their method (for the words of `no-route`). */
  readonly method?: string;
  /** Preflights: the requested header names, lowercase. */
  readonly headerNames?: readonly string[];
  /** Preflights: `Access-Control-Request-Private-Network: true`. */
  readonly privateNetwork?: boolean;
  /** Handshakes: the origin is the server's own (`websockets.sameOrigin`, see `ownOrigin`). */
  readonly ownOrigin?: boolean;
  /** The request, handed to origin functions. */
  readonly request: unknown;
  /** A refusal found while parsing the request (a malformed preflight): `decide` answers it as it is, and reports it like any other. */
  readonly malformed?: RefusedVerdict;
}
