import type { CorsRolloutChange } from '../../interfaces/cors-decision-event.interface.js';
import type { Grant } from '../policy/grant.js';
import type { Candidate } from './candidate.js';
import type { CorsQuestion } from './cors-question.js';
import type { CorsVerdict } from './cors-verdict.js';
import { refusal } from './refusal-text.js';

/** What the decision core tells about every decision, fixed with the table (`DecisionRules.reporting`). */
export interface DecisionReporting {
  /**
   * A report-only rollout: the candidate every answer follows (`rollout.current`); the
   * question's own candidates are then only asked for the report.
   */
  readonly behind: Candidate | undefined;
  /** Told of every decision; never throws (what a listener throws is its own to log). */
  record(decision: ReportedDecision): void;
}

/** One decision, as reported. */
export interface ReportedDecision {
  readonly question: CorsQuestion;
  readonly candidates: readonly Candidate[];
  /** The verdict of the question's candidates (under report-only, what they would answer). */
  readonly verdict: CorsVerdict;
  /** Under report-only, the verdict the answer follows; undefined otherwise. */
  readonly enforced: CorsVerdict | undefined;
  readonly change: CorsRolloutChange;
}

/**
 * The reporting step of `decide`: reports the verdict of the question's candidates, and returns
 * the one the answer follows (`enforced` under report-only, else `verdict`). Either may be a
 * promise; the result settles once both have, and never rejects.
 */
export function reportDecision(
  question: CorsQuestion,
  candidates: readonly Candidate[],
  verdict: CorsVerdict | Promise<CorsVerdict>,
  enforced: CorsVerdict | Promise<CorsVerdict> | undefined,
  reporting: DecisionReporting,
): CorsVerdict | Promise<CorsVerdict> {
  if (!(verdict instanceof Promise) && !(enforced instanceof Promise)) return report(question, candidates, verdict, enforced, reporting);
  return Promise.all([verdict, enforced]).then(
    ([v, e]) => report(question, candidates, v, e, reporting),
    () => refusal('internal-error', undefined),
  );
}

function report(question: CorsQuestion, candidates: readonly Candidate[], verdict: CorsVerdict, enforced: CorsVerdict | undefined, reporting: DecisionReporting): CorsVerdict {
  try {
    reporting.record({ question, candidates, verdict, enforced, change: enforced === undefined ? 'none' : rolloutChange(question, verdict, enforced) });
  } catch {
    // Reporting never decides anything: the answer stands.
  }
  return enforced ?? verdict;
}

/** How the verdict of the policies being rolled out differs from the one the answer followed. */
export function rolloutChange(question: CorsQuestion, verdict: CorsVerdict, enforced: CorsVerdict): CorsRolloutChange {
  if (verdict.allowed !== enforced.allowed) return verdict.allowed ? 'would-allow' : 'would-refuse';
  // Without Origin nothing a browser reads differs; refusals send no permission either way.
  if (!verdict.allowed || !enforced.allowed || question.origin === undefined) return 'none';
  return sameAnswer(question, verdict.grant, enforced.grant) ? 'none' : 'would-grant-differently';
}

/** Whether two grants send the same permissions for this question (what its response carries). */
function sameAnswer(question: CorsQuestion, a: Grant | undefined, b: Grant | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  if (a.anyOrigin !== b.anyOrigin || a.credentials !== b.credentials) return false;
  if (question.kind === 'preflight') {
    return a.maxAgeSeconds === b.maxAgeSeconds && a.successStatus === b.successStatus && (question.privateNetwork !== true || a.allowPrivateNetwork === b.allowPrivateNetwork);
  }
  // A ws upgrade carries no CORS header; actual responses and socket.io's polling do.
  return question.transport === 'ws' || a.exposeHeaders === b.exposeHeaders;
}
