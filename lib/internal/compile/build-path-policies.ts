import type { CorsPolicyOptions } from '../../interfaces/cors-policy-options.interface.js';
import type { CorsMetadata } from '../policy/cors-metadata.js';
import { EffectivePolicy, resolveRoutePolicy, withDefaultMethods } from '../policy/merge-policy.js';
import { validateCombination } from '../policy/validate-combination.js';
import { FieldProblem, isPlainObject } from '../policy/validate-policy-options.js';
import { PathPattern, parsePathPattern } from '../routing/path-pattern.js';
import { PathPolicyIndex, PathPolicyMatching } from '../routing/path-policy-index.js';
import type { TablePath } from '../table/cors-table.js';
import type { PolicyCompiler } from './policy-compiler.js';
import type { ProblemCollector } from './problem-collector.js';
import { validateDecorator } from './validate-configuration.js';

/**
 * What a path policy's preflights allow when its policy sets no `methods`: the server cannot
 * know which methods such an endpoint serves, and these are what GraphQL, static files and
 * docs are read and queried with.
 */
export const PATH_POLICY_METHODS: readonly string[] = ['GET', 'HEAD', 'POST'];

/** A valid `paths` entry, merged: the input of compilation. */
export interface CheckedPath {
  readonly pattern: PathPattern;
  readonly effective: EffectivePolicy | undefined;
  /** Entries with the same key share one compiled policy. */
  readonly key: string;
}

/** `paths['/graphql']`: where a problem of one entry is reported. */
export const pathLocation = (pattern: string) => `paths['${pattern}']`;

/**
 * Validates the `paths` option (patterns, values, patterns the adapter cannot tell apart) and
 * merges each entry's policy the way `@Cors()` is merged on a controller: a name, inline options
 * over the module defaults, `true` for the defaults, `false` for none.
 */
export function checkPathPolicies(
  paths: unknown,
  defaults: CorsPolicyOptions,
  policies: Readonly<Record<string, CorsPolicyOptions>>,
  matching: PathPolicyMatching,
  collector: ProblemCollector,
): CheckedPath[] {
  if (paths === undefined) return [];
  if (!isPlainObject(paths)) {
    collector.add('CorsModule options', [
      { code: 'invalid-type', field: 'paths', value: paths, message: "expected an object of path patterns, e.g. { '/graphql': 'web' }" },
    ]);
    return [];
  }
  const checked: CheckedPath[] = [];
  const index = new PathPolicyIndex<never>([], matching);
  const seen = new Map<string, string>();
  for (const [source, value] of Object.entries(paths)) {
    const location = pathLocation(source);
    const pattern = parsePathPattern(source);
    if (typeof pattern === 'string') {
      collector.add(location, [{ code: 'invalid-path-pattern', field: 'paths', value: source, message: pattern }]);
      continue;
    }
    const key = `${pattern.wildcard ? '*' : '='}${index.keyOf(pattern)}`;
    const twin = seen.get(key);
    if (twin !== undefined) {
      collector.add(location, [
        {
          code: 'ambiguous-path',
          field: 'paths',
          value: source,
          message: `this adapter matches "${source}" and "${twin}" as the same path (${matchingDescription(matching)}): keep one entry`,
        },
      ]);
      continue;
    }
    seen.set(key, source);
    const metadata = metadataOf(value);
    const problems = valueProblems(value, metadata, policies);
    if (metadata === undefined || problems.length > 0) {
      collector.add(location, problems);
      continue;
    }
    // Merged like a `@Cors()` on a controller.
    const effective = withDefaultMethods(resolveRoutePolicy(defaults, policies, [{ level: 'path', metadata }]), PATH_POLICY_METHODS);
    if (effective) collector.addForRoute(location, source, validateCombination(effective.options));
    checked.push({ pattern, effective, key: configurationKey(value as PathPolicyValue, source) });
  }
  return checked;
}

/** The compiled `paths` entries and their index (undefined when there are none). */
export function compilePathPolicies(
  checked: readonly CheckedPath[],
  compiler: PolicyCompiler,
  matching: PathPolicyMatching,
): { paths: TablePath[]; pathIndex: PathPolicyIndex<TablePath> | undefined } {
  const paths = checked.map(
    ({ pattern, effective, key }): TablePath => ({
      pattern: pattern.source,
      label: pathLocation(pattern.source),
      effective,
      policy: effective && compiler.compile(key, effective, () => pathLocation(pattern.source)),
      strategy: effective ? 'entry-hook' : 'none',
    }),
  );
  if (paths.length === 0) return { paths, pathIndex: undefined };
  return { paths, pathIndex: new PathPolicyIndex(checked.map(({ pattern }, i) => ({ pattern, target: paths[i]! })), matching) };
}

type PathPolicyValue = string | boolean | CorsPolicyOptions;

/** The `@Cors()` a `paths` value stands for, or undefined when it is none of the accepted forms. */
function metadataOf(value: unknown): CorsMetadata | undefined {
  if (typeof value === 'boolean') return value ? { disabled: false } : { disabled: true };
  if (typeof value === 'string') return { disabled: false, policyName: value };
  if (isPlainObject(value)) return { disabled: false, options: value };
  return undefined;
}

/** What is wrong with a `paths` value: what is wrong with the `@Cors()` it stands for, reported at `paths`. */
function valueProblems(value: unknown, metadata: CorsMetadata | undefined, policies: Readonly<Record<string, CorsPolicyOptions>>): FieldProblem[] {
  if (metadata === undefined) {
    return [{ code: 'invalid-type', field: 'paths', value, message: 'expected a policy name, an options object, true (the module defaults) or false (no CORS)' }];
  }
  return validateDecorator(metadata, policies).map((problem) => (problem.code === 'unknown-policy' ? { ...problem, field: 'paths' } : problem));
}

/** Entries naming the same policy (or the defaults) share a compiled policy; inline options do not. */
function configurationKey(value: PathPolicyValue, source: string): string {
  if (value === true) return 'paths|defaults';
  if (typeof value === 'string') return `paths|policy|${value}`;
  return `paths|inline|${source}`;
}

function matchingDescription(matching: PathPolicyMatching): string {
  const parts = [matching.caseSensitive ? 'case-sensitive' : 'case-insensitive'];
  parts.push(matching.strictTrailingSlash ? 'strict trailing slash' : 'a trailing slash ignored');
  return parts.join(', ');
}
