import { describe, expect, it } from '@jest/globals';
import type { Candidate } from '../../../lib/internal/decision/candidate.js';
import type { CorsQuestion } from '../../../lib/internal/decision/cors-question.js';
import type { CorsVerdict } from '../../../lib/internal/decision/cors-verdict.js';
import { DecisionRules, decide } from '../../../lib/internal/decision/decide.js';
import { DecisionReporting, ReportedDecision, rolloutChange } from '../../../lib/internal/decision/report-decision.js';
import { OriginMatcher } from '../../../lib/internal/origin/origin-matcher.js';
import type { CompiledPolicy } from '../../../lib/internal/policy/compiled-policy.js';
import { compiledPolicy } from '../support/compiled-policy.js';

const APP = 'https://app.example.com';
const LEGACY = 'https://legacy.example.com';
const allowing = (origins: string[], fields: Partial<CompiledPolicy> = {}) => compiledPolicy({ matcher: new OriginMatcher(new Set(origins), [], [], undefined), ...fields });
const NEW = allowing([APP]);
const OLD = allowing([APP, LEGACY], { credentials: true, originsFrom: 'rollout.current' });
const at = (policy: CompiledPolicy | undefined, label: string): Candidate => ({ policy, label });
const ROUTE = at(NEW, 'GET /items (ItemsController.list)');
const BEHIND = at(OLD, 'rollout.current');

const question = (origin: string | undefined, fields: Partial<CorsQuestion> = {}): CorsQuestion => ({ kind: 'actual', transport: 'http', origin, request: {}, ...fields });

/** A reporting that keeps what it was told. */
function recorder(behind?: Candidate): DecisionReporting & { seen: ReportedDecision[] } {
  const seen: ReportedDecision[] = [];
  return { behind, seen, record: (d) => void seen.push(d) };
}
const rules = (reporting?: DecisionReporting): DecisionRules => ({ originCheckTimeout: 50, requireOrigin: false, onOriginFunctionFailure: () => undefined, reporting });
const short = (v: CorsVerdict) => `${v.allowed ? 'allowed' : 'refused'} ${v.reason}`;

describe('decide: the reporting step', () => {
  it('without reporting, the verdict is all there is', () => {
    expect(short(decide(question(APP), [ROUTE], 'every', rules()) as CorsVerdict)).toBe('allowed allowed');
  });

  it.each<[string, string | undefined, string, string, string]>([
    ['allowed by both, the same grant', APP, 'allowed allowed', 'allowed allowed', 'none'],
    ['allowed by the old options only', LEGACY, 'refused origin-not-allowed', 'allowed allowed', 'would-refuse'],
    ['refused by both', 'https://evil.example', 'refused origin-not-allowed', 'refused origin-not-allowed', 'none'],
    ['no Origin', undefined, 'allowed no-origin', 'allowed no-origin', 'none'],
  ])('report-only, %s: the answer is the old verdict; the new one is reported with the change', (_name, origin, reported, answered, change) => {
    const reporting = recorder(at(allowing([APP, LEGACY]), 'rollout.current'));
    const answer = decide(question(origin), [ROUTE], 'every', rules(reporting)) as CorsVerdict;
    expect(short(answer)).toBe(answered);
    expect(reporting.seen.map((d) => [short(d.verdict), d.enforced && short(d.enforced), d.change])).toEqual([[reported, answered, change]]);
  });

  it('enforcing: every decision reported once, with no enforced verdict', () => {
    const reporting = recorder();
    decide(question(APP), [ROUTE], 'every', rules(reporting));
    decide(question(LEGACY), [ROUTE], 'every', rules(reporting));
    expect(reporting.seen.map((d) => [short(d.verdict), d.enforced, d.change, d.candidates])).toEqual([
      ['allowed allowed', undefined, 'none', [ROUTE]],
      ['refused origin-not-allowed', undefined, 'none', [ROUTE]],
    ]);
  });

  it('a malformed question is answered as it is, by both sides', () => {
    const reporting = recorder(BEHIND);
    const malformed = { allowed: false, reason: 'malformed-request-method', text: 'x', detail: 'x', candidate: undefined } as const;
    expect(decide(question(APP, { kind: 'preflight', malformed }), [], 'every', rules(reporting))).toBe(malformed);
    expect(reporting.seen[0]).toMatchObject({ verdict: malformed, enforced: malformed, change: 'none' });
  });

  it('an asynchronous side: reported once both settled; the promise never rejects', async () => {
    const reporting = recorder(at(compiledPolicy({ originFunction: async () => true, originsFrom: 'rollout.current' }), 'rollout.current'));
    const answer = decide(question(LEGACY), [ROUTE], 'every', rules(reporting));
    expect(answer).toBeInstanceOf(Promise);
    expect(reporting.seen).toEqual([]);
    expect(short(await answer)).toBe('allowed allowed');
    expect(reporting.seen.map((d) => d.change)).toEqual(['would-refuse']);
  });

  it('a reporting that throws changes nothing', () => {
    const reporting: DecisionReporting = {
      behind: undefined,
      record: () => {
        throw new Error('broken');
      },
    };
    expect(short(decide(question(APP), [ROUTE], 'every', rules(reporting)) as CorsVerdict)).toBe('allowed allowed');
  });
});

describe('rolloutChange: what differs for the browser', () => {
  const ok = (grant: CompiledPolicy): CorsVerdict => ({ allowed: true, reason: 'allowed', grant, candidate: undefined });
  const base = allowing([APP]);
  it.each<[string, Partial<CorsQuestion>, Partial<CompiledPolicy>, string]>([
    ['the same grant', {}, {}, 'none'],
    ['credentials', {}, { credentials: true }, 'would-grant-differently'],
    ["'*'", {}, { anyOrigin: true }, 'would-grant-differently'],
    ['exposed headers of an actual response', {}, { exposeHeaders: 'x-id' }, 'would-grant-differently'],
    ['exposed headers of a ws upgrade (no header sent)', { kind: 'handshake', transport: 'ws' }, { exposeHeaders: 'x-id' }, 'none'],
    ['exposed headers of a socket.io polling request', { kind: 'handshake', transport: 'socket.io' }, { exposeHeaders: 'x-id' }, 'would-grant-differently'],
    ['exposed headers of a preflight (not sent)', { kind: 'preflight' }, { exposeHeaders: 'x-id' }, 'none'],
    ['max-age of a preflight', { kind: 'preflight' }, { maxAgeSeconds: 600 }, 'would-grant-differently'],
    ['status of a preflight', { kind: 'preflight' }, { successStatus: 200 }, 'would-grant-differently'],
    ['private network, not asked', { kind: 'preflight' }, { allowPrivateNetwork: true }, 'none'],
    ['private network, asked', { kind: 'preflight', privateNetwork: true }, { allowPrivateNetwork: true }, 'would-grant-differently'],
  ])('%s', (_name, fields, grant, change) => {
    expect(rolloutChange(question(APP, fields), ok(base), ok({ ...base, ...grant }))).toBe(change);
  });
});
