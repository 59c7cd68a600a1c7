import { describe, expect, it } from '@jest/globals';
import { checkReporting } from '../../../lib/internal/compile/build-reporting.js';
import { ProblemCollector } from '../../../lib/internal/compile/problem-collector.js';
import type { CorsModuleOptions } from '../../../lib/interfaces/cors-module-options.interface.js';

/** [code, location, field, message] of every problem the reporting options have. */
function problemsOf(options: object): Array<[string, string, string, string]> {
  const collector = new ProblemCollector();
  checkReporting(options as CorsModuleOptions, collector);
  return collector.problems.map((p) => [p.code, p.location, p.field, p.message]);
}

const MODULE = 'CorsModule options';

describe('checkReporting: the reporting options, validated at startup like every option', () => {
  it.each<[string, object]>([
    ['nothing', {}],
    ['a listener, metrics, a report', { onDecision: () => undefined, metrics: true, originReport: true }],
    ['report bounds', { originReport: { maxOrigins: 1 } }, ],
    ['report off', { originReport: false, metrics: false }],
    ['report-only behind enableCors() defaults', { rollout: { mode: 'report-only', current: { origin: '*' } } }],
    ['report-only behind no CORS', { rollout: { mode: 'report-only', current: { origin: false } } }],
    ['report-only behind reflected origins with credentials', { rollout: { mode: 'report-only', current: { origin: () => true, credentials: true } } }],
    ['enforcing without current', { rollout: { mode: 'enforce' } }],
  ])('valid: %s', (_name, options) => {
    expect(problemsOf(options)).toEqual([]);
  });

  it.each<[string, object, Array<[string, string, string, string]>]>([
    ['onDecision not a function', { onDecision: 'log' }, [['invalid-type', MODULE, 'onDecision', 'expected a function (event) => void']]],
    ['metrics not a boolean', { metrics: 'yes' }, [['invalid-type', MODULE, 'metrics', 'expected true or false']]],
    ['originReport a number', { originReport: 100 }, [['invalid-type', MODULE, 'originReport', 'expected true, false or { maxOrigins }']]],
    ['maxOrigins 0', { originReport: { maxOrigins: 0 } }, [['invalid-option', MODULE, 'originReport.maxOrigins', 'expected a count in 1..100000']]],
    ['maxOrigins too large', { originReport: { maxOrigins: 1e6 } }, [['invalid-option', MODULE, 'originReport.maxOrigins', 'expected a count in 1..100000']]],
    ['a misspelt report option', { originReport: { max: 10 } }, [['unknown-option', MODULE, 'originReport.max', 'expected only maxOrigins']]],
    ['rollout not an object', { rollout: 'report-only' }, [['invalid-type', MODULE, 'rollout', "expected { mode: 'report-only' | 'enforce', current }"]]],
    [
      'rollout without a mode',
      { rollout: { current: { origin: '*' } } },
      [['invalid-option', MODULE, 'rollout.mode', "expected 'report-only' (responses follow rollout.current, this module's policies are only reported) or 'enforce'"]],
    ],
    [
      'report-only without current',
      { rollout: { mode: 'report-only' } },
      [
        [
          'invalid-option',
          MODULE,
          'rollout.current',
          "report-only needs the behaviour responses follow meanwhile: the options the app passed to app.enableCors() ({ origin: '*' } for none)",
        ],
      ],
    ],
    ['an unknown rollout key', { rollout: { mode: 'enforce', enforce: true } }, [['unknown-option', MODULE, 'rollout.enforce', 'expected only mode and current']]],
    [
      'current without origin',
      { rollout: { mode: 'report-only', current: { credentials: true } } },
      [['invalid-option', 'rollout.current', 'origin', "required: the origins responses follow meanwhile ('*' for app.enableCors() without options, false for no CORS)"]],
    ],
    [
      "current with enableCors' origin: true",
      { rollout: { mode: 'report-only', current: { origin: true, credentials: true } } },
      [
        [
          'reflect-any-origin',
          'rollout.current',
          'origin',
          "reflecting every origin is unsafe; use '*' (no credentials) or list the origins; to keep what origin: true did until the switch, write origin: () => true",
        ],
      ],
    ],
    [
      "current with '*' and credentials (browsers refuse it)",
      { rollout: { mode: 'enforce', current: { origin: '*', credentials: true } } },
      [['wildcard-with-credentials', 'rollout.current', 'origin', "browsers refuse credentials with Access-Control-Allow-Origin: *; list the origins, or drop credentials"]],
    ],
    ['a misspelt current field', { rollout: { mode: 'report-only', current: { origin: '*', origins: ['x'] } } }, [['unknown-option', 'rollout.current', 'origins', 'unknown option: did you mean "origin"?']]],
  ])('refused: %s', (_name, options, expected) => {
    expect(problemsOf(options)).toEqual(expected);
  });

  it('every problem at once, in one list', () => {
    expect(problemsOf({ onDecision: 1, metrics: 1, originReport: { maxOrigins: -1 }, rollout: { mode: 'dry-run' } }).map((p) => p[2])).toEqual([
      'onDecision',
      'metrics',
      'originReport.maxOrigins',
      'rollout.mode',
    ]);
  });
});
