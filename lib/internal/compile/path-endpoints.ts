import type { CorsPolicyOptions } from '../../interfaces/cors-policy-options.interface.js';
import type { CorsMetadata } from '../policy/cors-metadata.js';
import { FieldProblem, isPlainObject } from '../policy/validate-policy-options.js';
import { PathPattern, parsePathPattern } from '../routing/path-pattern.js';
import { PathPolicyIndex, PathPolicyMatching } from '../routing/path-policy-index.js';
import type { TablePath } from '../table/cors-table.js';
import type { CompiledEndpoint } from './endpoint-pipeline.js';
import type { CheckContext, ConfiguredLevel, EndpointSource } from './endpoint-source.js';
import type { ProblemCollector } from './problem-collector.js';
import { validateDecorator } from './validate-decorator.js';
import { MODULE_LOCATION } from './validate-module-options.js';

/**
 * What a path policy's preflights allow when its policy sets no `methods`: the server cannot
 * know which methods such an endpoint serves, and these are what GraphQL, static files and
 * docs are read and queried with.
 */
const PATH_POLICY_METHODS: readonly string[] = ['GET', 'HEAD', 'POST'];

/** One `paths` entry as configured. */
export interface PathEntry {
  /** The pattern as written: `/graphql`, `/assets/*`. */
  readonly source: string;
  readonly value: unknown;
}

/** `paths['/graphql']`: where a problem of one entry is reported. */
const pathLocation = (pattern: string) => `paths['${pattern}']`;

/**
 * The `paths` option as the pipeline reads it: each entry stands for a `@Cors()` on a controller
 * (a name, inline options over the module defaults, `true` for the defaults, `false` for none),
 * its pattern is checked, and patterns the adapter cannot tell apart are refused.
 */
export class PathEndpoints implements EndpointSource<PathEntry> {
  readonly defaultMethods = PATH_POLICY_METHODS;
  /** The entries to run through the pipeline; none when the option is absent or not an object. */
  readonly entries: PathEntry[] = [];
  /** Each valid entry's parsed pattern, by source. */
  private readonly patterns = new Map<string, PathPattern>();
  /** The source of each pattern seen so far, by how the adapter compares paths. */
  private readonly seen = new Map<string, string>();
  private readonly index: PathPolicyIndex<never>;

  /** Reads the option; a `paths` that is not an object is reported here. */
  constructor(
    paths: unknown,
    private readonly matching: PathPolicyMatching,
    collector: ProblemCollector,
  ) {
    this.index = new PathPolicyIndex<never>([], matching);
    if (paths === undefined) return;
    if (!isPlainObject(paths)) {
      collector.add(MODULE_LOCATION, [
        { code: 'invalid-type', field: 'paths', value: paths, message: "expected an object of path patterns, e.g. { '/graphql': 'web' }" },
      ]);
      return;
    }
    this.entries = Object.entries(paths).map(([source, value]) => ({ source, value }));
  }

  check({ source, value }: PathEntry, { policies, collector }: CheckContext): ConfiguredLevel[] | undefined {
    const location = pathLocation(source);
    const pattern = parsePathPattern(source);
    if (typeof pattern === 'string') {
      collector.add(location, [{ code: 'invalid-path-pattern', field: 'paths', value: source, message: pattern }]);
      return undefined;
    }
    const key = `${pattern.wildcard ? '*' : '='}${this.index.keyOf(pattern)}`;
    const twin = this.seen.get(key);
    if (twin !== undefined) {
      collector.add(location, [
        {
          code: 'ambiguous-path',
          field: 'paths',
          value: source,
          message: `this adapter matches "${source}" and "${twin}" as the same path (${matchingDescription(this.matching)}): keep one entry`,
        },
      ]);
      return undefined;
    }
    this.seen.set(key, source);
    const metadata = metadataOf(value);
    const problems = valueProblems(value, metadata, policies);
    if (metadata === undefined || problems.length > 0) {
      collector.add(location, problems);
      return undefined;
    }
    this.patterns.set(source, pattern);
    return [{ level: 'path', metadata, location, writtenAs: 'option' }];
  }

  name(entry: PathEntry): string {
    return entry.source;
  }

  /** The compiled entries and their index (undefined when there are none). */
  table(compiled: readonly CompiledEndpoint<PathEntry>[]): { paths: TablePath[]; pathIndex: PathPolicyIndex<TablePath> | undefined } {
    const paths = compiled.map(
      ({ facts, effective, policy }): TablePath => ({
        pattern: facts.source,
        label: pathLocation(facts.source),
        effective,
        policy,
        strategy: effective ? 'entry-hook' : 'none',
      }),
    );
    if (paths.length === 0) return { paths, pathIndex: undefined };
    const targets = compiled.map(({ facts }, i) => ({ pattern: this.patterns.get(facts.source)!, target: paths[i]! }));
    return { paths, pathIndex: new PathPolicyIndex(targets, this.matching) };
  }
}

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

function matchingDescription(matching: PathPolicyMatching): string {
  const parts = [matching.caseSensitive ? 'case-sensitive' : 'case-insensitive'];
  parts.push(matching.strictTrailingSlash ? 'strict trailing slash' : 'a trailing slash ignored');
  return parts.join(', ');
}
