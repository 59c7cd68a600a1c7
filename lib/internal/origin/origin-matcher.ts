import { OriginPattern, matchesPattern } from './origin-pattern.js';
import { RuntimeOrigins } from './runtime-origins.js';
import { parseSerializedOrigin } from './serialized-origin.js';

/**
 * The static part of an origin rule, compiled once: exact origins in a Set, patterns matched
 * on parsed parts, anchored RegExps, plus the policy's runtime origins. Only values in the
 * exact form browsers serialize ever reach a pattern or a RegExp, so `null`, lists joined
 * from repeated `Origin` lines, padded or over-long values are refused up front.
 */
export class OriginMatcher {
  constructor(
    private readonly exact: ReadonlySet<string>,
    private readonly patterns: readonly OriginPattern[],
    private readonly regexps: readonly RegExp[],
    private readonly runtime: RuntimeOrigins | undefined,
  ) {}

  /** Whether a value can be an origin at all; functions are only asked about these. */
  static isCandidate(origin: string): boolean {
    return parseSerializedOrigin(origin) !== undefined;
  }

  /** Whether the rule allows the origin, without asking an origin function. */
  matches(origin: string): boolean {
    if (this.exact.has(origin)) return true;
    const runtime = this.runtime;
    if (runtime !== undefined && runtime.hasExact(origin)) return true;
    // Exact entries are canonical, so only patterns and RegExps need the origin parsed: a list of
    // exact origins refuses any other value with two Set lookups.
    if (this.patterns.length === 0 && this.regexps.length === 0 && (runtime === undefined || !runtime.hasPatterns())) return false;
    const parts = parseSerializedOrigin(origin);
    if (parts === undefined) return false;
    for (const pattern of this.patterns) if (matchesPattern(pattern, parts)) return true;
    for (const regexp of this.regexps) if (regexp.test(origin)) return true;
    return this.runtime !== undefined && this.runtime.matches(origin, parts);
  }

  /** Human-readable description of the configured entries. */
  describe(): string[] {
    return [
      ...this.exact,
      ...this.patterns.map((p) => p.source),
      ...this.regexps.map(String),
      ...(this.runtime ? this.runtime.list().map((o) => `${o} (runtime)`) : []),
    ];
  }
}
