import type { CorsPolicySource } from '../../interfaces/route-cors-info.interface.js';
import { type EffectivePolicy, contributingLevels, levelContribution } from '../policy/merge-policy.js';
import type { PolicyField } from '../policy/policy-fields.js';
import { COMBINATION_FIELDS } from '../policy/validate-combination.js';
import type { FieldProblem } from '../policy/validate-policy-options.js';
import type { ConfiguredLevel } from './endpoint-source.js';

/*
 * A merged policy's unsafe combination (`validateCombination`) is reported once, where it first
 * appears: at the module options, at the named policy, or at the closest endpoint level that
 * contributes to it. Its message names each field the place inherited, and where to override it.
 */

/** A combination problem of an endpoint, with the level it is reported at. */
export interface PlacedProblem {
  readonly location: string;
  readonly problem: FieldProblem;
}

const MODULE_SOURCE = 'the module defaults';

/** The fields a combination problem depends on that the merged policy sets: its cause, and the flag that would waive it. */
function involvedFields(problem: FieldProblem, effective: EffectivePolicy): PolicyField[] {
  const fields = COMBINATION_FIELDS[problem.code as keyof typeof COMBINATION_FIELDS];
  if (fields === undefined) return [];
  return [...fields.cause, ...(fields.waiver ? [fields.waiver] : [])].filter((field) => effective.sources[field] !== undefined);
}

/** How an inherited field is named, and what to set instead: `credentials: true` / `credentials: false`. */
function inheritedClause(field: PolicyField, problem: FieldProblem, from: string, overrideAt: string): string {
  switch (field) {
    case 'credentials':
      return `credentials: true inherited from ${from}; set credentials: false in ${overrideAt} to override`;
    case 'origin':
      return `origin ${JSON.stringify(problem.value)} inherited from ${from}; set origin in ${overrideAt} to override`;
    default:
      return `${field}: ${JSON.stringify(problem.value)} inherited from ${from}; set ${field} in ${overrideAt} to override`;
  }
}

/** The message, with a clause for each field of the cause that `isOwn` says was inherited. */
function withInherited(
  problem: FieldProblem,
  effective: EffectivePolicy,
  isOwn: (source: CorsPolicySource) => boolean,
  describe: (source: CorsPolicySource) => string,
  overrideAt: string,
): FieldProblem {
  const cause = COMBINATION_FIELDS[problem.code as keyof typeof COMBINATION_FIELDS]?.cause ?? [];
  const clauses = cause
    .filter((field) => effective.sources[field] !== undefined && !isOwn(effective.sources[field]!))
    .map((field) => inheritedClause(field, problem, describe(effective.sources[field]!), overrideAt));
  return clauses.length === 0 ? problem : { ...problem, message: `${problem.message}; ${clauses.join('; ')}` };
}

/**
 * A combination problem of policy `name` merged over the module defaults: undefined when only the
 * module defaults are involved (reported at the module options); else the problem, naming the
 * fields the policy inherits.
 */
export function placePolicyProblem(problem: FieldProblem, effective: EffectivePolicy, name: string): FieldProblem | undefined {
  const own: CorsPolicySource = `policy:${name}`;
  if (!involvedFields(problem, effective).some((field) => effective.sources[field] === own)) return undefined;
  return withInherited(problem, effective, (source) => source === own, () => MODULE_SOURCE, `policies.${name}`);
}

/**
 * A combination problem of an endpoint's merged policy: undefined when it involves only the module
 * defaults and at most one named policy (so it was reported at that policy or at the module
 * options, with the same values); else the problem at the closest level that contributes a field
 * to it, naming the fields that level inherits.
 */
export function placeEndpointProblem(problem: FieldProblem, effective: EffectivePolicy, levels: readonly ConfiguredLevel[]): PlacedProblem | undefined {
  const sources = new Set(involvedFields(problem, effective).map((field) => effective.sources[field]!));
  const policies = [...sources].filter((source) => source.startsWith('policy:'));
  if (policies.length <= 1 && [...sources].every((source) => source === 'module' || source.startsWith('policy:'))) return undefined;
  const contributing = contributingLevels(levels) ?? [];
  if (contributing.length === 0) return undefined;
  const owned = contributing.map((level) => ownSources(level));
  let at = contributing.length - 1;
  while (at > 0 && ![...sources].some((source) => owned[at]!.has(source))) at--;
  const level = contributing[at]!;
  const describe = (source: CorsPolicySource): string => {
    if (source === 'module') return MODULE_SOURCE;
    if (source.startsWith('policy:')) return `policy ${JSON.stringify(source.slice('policy:'.length))}`;
    // An inline field: the closest level of that kind with inline options set it.
    for (let i = contributing.length - 1; i >= 0; i--) if (owned[i]!.has(source)) return whereWritten(contributing[i]!);
    return source;
  };
  return { location: level.location, problem: withInherited(problem, effective, (source) => owned[at]!.has(source), describe, whereWritten(level)) };
}

/** What one level contributes to a merge, as sources: its inline options' level, the policy it names. */
function ownSources(level: ConfiguredLevel): Set<CorsPolicySource> {
  const own = new Set<CorsPolicySource>();
  const metadata = level.metadata;
  if (metadata === undefined || metadata.disabled) return own;
  if (levelContribution(metadata, {}).options) own.add(level.level);
  if (typeof metadata.policyName === 'string') own.add(`policy:${metadata.policyName}`);
  return own;
}

/** Where a level is written, as a place to set a field: `@Cors() on ItemsController.list`, `paths['/assets/*']`. */
function whereWritten(level: ConfiguredLevel): string {
  return level.writtenAs === 'decorator' ? `@Cors() on ${level.location}` : level.location;
}
