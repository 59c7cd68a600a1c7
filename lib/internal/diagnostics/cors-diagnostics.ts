import { Logger } from '@nestjs/common';
import type { OriginFunctionFailure } from '../policy/check-origin.js';

/** Every log line of the request path, worded in one place (context `CorsModule`). */
export class CorsDiagnostics {
  private readonly logger = new Logger('CorsModule');

  /** Whether refusals are logged (the `debug` option); the request path checks it before building a line. */
  constructor(readonly debug: boolean) {}

  /** Debug log of a refused preflight. */
  refusedPreflight(reason: string, method: string, path: string, origin: string): void {
    if (this.debug) this.logger.log(`Refused preflight for ${method} ${path} from ${JSON.stringify(origin)}: ${reason}`);
  }

  /** Debug log of an actual request whose origin got no permission; `detail` is the decision core's reason. */
  refusedActual(label: string, origin: string, detail: string): void {
    this.logger.log(`Refused actual request from ${JSON.stringify(origin)} on ${label}: ${detail}`);
  }

  /** Debug log of a refused WebSocket handshake or socket.io namespace connect. */
  refusedHandshake(origin: string | undefined, where: string, reason: string): void {
    if (this.debug) this.logger.log(`Refused WebSocket handshake from ${origin === undefined ? '(no Origin)' : JSON.stringify(origin)} to ${where}: ${reason}`);
  }

  /** A connection was closed because its origin was revoked (`websockets.closeOnRevoke`): always logged. */
  closedOnRevoke(origin: string | undefined, where: string, reason: string): void {
    this.logger.log(`Closed WebSocket connection from ${origin === undefined ? '(no Origin)' : JSON.stringify(origin)} to ${where}: ${reason}`);
  }

  /** A socket.io polling preflight was refused (debug). */
  refusedPollingPreflight(origin: string, method: string, where: string, reason: string): void {
    if (this.debug) this.logger.log(`Refused preflight for ${method} on ${where} from ${JSON.stringify(origin)}: ${reason}`);
  }

  /** The `onDecision` listener threw or rejected: logged once (the first error), as answers never depend on it. */
  decisionListenerFailed(error: unknown): void {
    const what = error instanceof Error ? (error.stack ?? error.message) : String(error);
    this.logger.error(`The onDecision listener failed (answers are not affected; later failures are not logged): ${what}`);
  }

  /** An origin function failed; the origin was refused. Always logged: it is an error of the app. */
  originFunctionFailed(label: string, origin: string, failure: OriginFunctionFailure): void {
    const what =
      failure.kind === 'timeout'
        ? `did not answer within ${failure.ms} ms`
        : `threw: ${failure.error instanceof Error ? failure.error.message : String(failure.error)}`;
    this.logger.warn(`Origin function of ${label} ${what}; origin ${JSON.stringify(origin)} refused`);
  }
}
