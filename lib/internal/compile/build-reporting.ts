import type { CorsModuleOptions } from '../../interfaces/cors-module-options.interface.js';
import { validateCombination } from '../policy/validate-combination.js';
import { FieldProblem, isPlainObject, validatePolicyFields } from '../policy/validate-policy-options.js';
import type { ReportingSettings } from '../table/cors-table.js';
import type { PolicyCompiler } from './policy-compiler.js';
import type { ProblemCollector } from './problem-collector.js';
import { MODULE_LOCATION } from './validate-module-options.js';

/** Origins kept per policy and outcome with `originReport: true`. */
const DEFAULT_MAX_ORIGINS = 1000;
const MAX_MAX_ORIGINS = 100_000;
/** Where `rollout.current` is reported, and the candidate name responses follow under report-only. */
const ROLLOUT_LOCATION = 'rollout.current';

/**
 * Checks the reporting options (`onDecision`, `metrics`, `originReport`, `rollout`); problems of
 * `rollout.current` are reported at that location, as a named policy's are at its own.
 */
export function checkReporting(options: CorsModuleOptions, collector: ProblemCollector): void {
  const problems: FieldProblem[] = [];
  const add = (field: string, value: unknown, message: string, code: FieldProblem['code'] = 'invalid-option') => problems.push({ code, field, value, message });
  if (options.onDecision !== undefined && typeof options.onDecision !== 'function') {
    add('onDecision', options.onDecision, 'expected a function (event) => void', 'invalid-type');
  }
  if (options.metrics !== undefined && typeof options.metrics !== 'boolean') add('metrics', options.metrics, 'expected true or false', 'invalid-type');
  const report: unknown = options.originReport;
  if (report !== undefined && typeof report !== 'boolean') {
    if (!isPlainObject(report)) add('originReport', report, 'expected true, false or { maxOrigins }', 'invalid-type');
    else {
      for (const key of Object.keys(report)) if (key !== 'maxOrigins') add(`originReport.${key}`, report[key], 'expected only maxOrigins', 'unknown-option');
      const max = report.maxOrigins;
      if (max !== undefined && !(Number.isInteger(max) && (max as number) >= 1 && (max as number) <= MAX_MAX_ORIGINS)) {
        add('originReport.maxOrigins', max, `expected a count in 1..${MAX_MAX_ORIGINS}`);
      }
    }
  }
  collector.add(MODULE_LOCATION, problems);
  checkRollout(options.rollout, collector);
}

function checkRollout(rollout: unknown, collector: ProblemCollector): void {
  if (rollout === undefined) return;
  if (!isPlainObject(rollout)) {
    collector.add(MODULE_LOCATION, [{ code: 'invalid-type', field: 'rollout', value: rollout, message: "expected { mode: 'report-only' | 'enforce', current }" }]);
    return;
  }
  const problems: FieldProblem[] = [];
  for (const key of Object.keys(rollout)) {
    if (key !== 'mode' && key !== 'current') problems.push({ code: 'unknown-option', field: `rollout.${key}`, value: rollout[key], message: 'expected only mode and current' });
  }
  if (rollout.mode !== 'report-only' && rollout.mode !== 'enforce') {
    problems.push({
      code: 'invalid-option',
      field: 'rollout.mode',
      value: rollout.mode,
      message: "expected 'report-only' (responses follow rollout.current, this module's policies are only reported) or 'enforce'",
    });
  }
  const current = rollout.current;
  if (current === undefined) {
    if (rollout.mode === 'report-only') {
      problems.push({
        code: 'invalid-option',
        field: 'rollout.current',
        value: current,
        message: "report-only needs the behaviour responses follow meanwhile: the options the app passed to app.enableCors() ({ origin: '*' } for none)",
      });
    }
  }
  collector.add(MODULE_LOCATION, problems);
  if (current === undefined) return;
  const found = validatePolicyFields(current).map((problem) =>
    problem.code === 'reflect-any-origin' ? { ...problem, message: `${problem.message}; to keep what origin: true did until the switch, write origin: () => true` } : problem,
  );
  if (isPlainObject(current) && current.origin === undefined) {
    found.push({ code: 'invalid-option', field: 'origin', value: undefined, message: "required: the origins responses follow meanwhile ('*' for app.enableCors() without options, false for no CORS)" });
  }
  collector.add(ROLLOUT_LOCATION, found);
  if (found.length === 0) collector.add(ROLLOUT_LOCATION, validateCombination(current as object));
}

/** The reporting settings of valid options; `rollout.current` compiled once, like any policy. */
export function compileReporting(options: CorsModuleOptions, compiler: PolicyCompiler): ReportingSettings {
  const report = options.originReport;
  const rollout = options.rollout;
  let behind: ReportingSettings['behind'];
  if (rollout?.mode === 'report-only') {
    const current = rollout.current!;
    const policy = current.origin === false ? undefined : compiler.compile(ROLLOUT_LOCATION, { options: current, sources: {} }, () => ROLLOUT_LOCATION);
    behind = { policy, label: ROLLOUT_LOCATION };
  }
  return Object.freeze({
    listener: options.onDecision,
    metrics: options.metrics === true,
    maxOrigins: report === true ? DEFAULT_MAX_ORIGINS : typeof report === 'object' && report !== null ? (report.maxOrigins ?? DEFAULT_MAX_ORIGINS) : 0,
    behind,
  });
}
