import type { CorsDecisionReason } from '../../interfaces/cors-decision-event.interface.js';
import type { Grant } from '../policy/grant.js';
import type { Candidate } from './candidate.js';

/** Why a request was allowed. */
type AllowedReason = 'allowed' | 'no-origin' | 'same-origin';

/**
 * Why a request was refused: one code per cause, worded once in `refusal-text.ts`. The public
 * list (`CorsDecisionReason`, what decision events carry) is the one source of the codes.
 */
export type RefusalReason = Exclude<CorsDecisionReason, AllowedReason>;

/** An allowed request: what to grant (undefined when nothing is granted: same-origin handshakes). */
export interface AllowedVerdict {
  readonly allowed: true;
  readonly reason: AllowedReason;
  readonly grant: Grant | undefined;
  /** The candidate whose policy decided (the first one for `every`); undefined without candidates. */
  readonly candidate: Candidate | undefined;
}

/** A refused request: no permission is sent. */
export interface RefusedVerdict {
  readonly allowed: false;
  readonly reason: RefusalReason;
  /** The whole reason, for log lines, naming the endpoint where there is one. */
  readonly text: string;
  /** The reason without the endpoint's name (log lines that name it themselves). */
  readonly detail: string;
  /** The candidate that refused, where one did. */
  readonly candidate: Candidate | undefined;
}

/** The answer of the decision core to one question. */
export type CorsVerdict = AllowedVerdict | RefusedVerdict;
