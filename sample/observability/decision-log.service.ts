import { Injectable } from '@nestjs/common';
import type { CorsDecisionEvent } from 'nestjs-cors';

/** One decision as the sample keeps it: the event without the request object, plus the request target. */
export interface LoggedDecision extends Omit<CorsDecisionEvent, 'request'> {
  /** The request target (`/catalog?x=1`): how the playground finds the decisions of its runs. */
  readonly url: string;
}

/** How many decisions are kept: the log of a sample, not a store. */
const MAX_DECISIONS = 500;

/**
 * The last decisions of CorsModule (its `onDecision` listener, wired in app.module.ts): what
 * `GET /admin/cors/decisions` shows, and where the playground reads why each row was blocked.
 * Keeps no request objects, only their target.
 */
@Injectable()
export class DecisionLog {
  private readonly decisions: LoggedDecision[] = [];

  /** The listener: keeps the event, drops the oldest past MAX_DECISIONS. */
  record(event: CorsDecisionEvent): void {
    const { request, ...rest } = event;
    const target = request as { originalUrl?: string; url?: string } | undefined;
    this.decisions.push({ ...rest, url: target?.originalUrl ?? target?.url ?? '' });
    if (this.decisions.length > MAX_DECISIONS) this.decisions.shift();
  }

  /** The decisions kept, oldest first; only refused ones with `refusedOnly`. */
  list(refusedOnly = false): LoggedDecision[] {
    return refusedOnly ? this.decisions.filter((d) => d.verdict === 'refused') : [...this.decisions];
  }
}
