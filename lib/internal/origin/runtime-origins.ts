import { OriginPattern, matchesPattern } from './origin-pattern.js';
import { OriginParts } from './serialized-origin.js';

/**
 * Origins added at runtime to one policy (`CorsPolicyService.allowOrigin`). Every compiled
 * policy whose origin comes from that policy holds the same instance, so a change applies to
 * all its routes at once, without recompiling. Values are validated before they get here.
 */
export class RuntimeOrigins {
  private readonly exact = new Set<string>();
  private patterns: readonly OriginPattern[] = [];
  private readonly removalListeners: Array<() => void> = [];

  /** Calls `listener` after an entry may have been removed (a revoke, or a reload from the store). */
  onRemoval(listener: () => void): void {
    this.removalListeners.push(listener);
  }

  private removed(): void {
    for (const listener of this.removalListeners) listener();
  }

  /** Adds an exact origin. */
  addExact(origin: string): void {
    this.exact.add(origin);
  }

  /** Adds a pattern (replacing one with the same source). */
  addPattern(pattern: OriginPattern): void {
    this.patterns = [...this.patterns.filter((p) => p.source !== pattern.source), pattern];
  }

  /** Removes an exact origin or a pattern by its source; true if it was there. */
  remove(value: string): boolean {
    const before = this.patterns.length;
    this.patterns = this.patterns.filter((p) => p.source !== value);
    const removed = this.exact.delete(value) || this.patterns.length !== before;
    if (removed) this.removed();
    return removed;
  }

  /** Whether the origin is one of the exact runtime origins (no parsing needed: they are canonical). */
  hasExact(origin: string): boolean {
    return this.exact.has(origin);
  }

  /** Whether any pattern was added, i.e. whether an origin must be parsed to be matched. */
  hasPatterns(): boolean {
    return this.patterns.length > 0;
  }

  /** Whether the (already parsed) origin is allowed by a runtime entry. */
  matches(origin: string, parts: OriginParts): boolean {
    if (this.exact.has(origin)) return true;
    for (const pattern of this.patterns) if (matchesPattern(pattern, parts)) return true;
    return false;
  }

  /** Replaces every entry at once (after reloading from a store). */
  replaceAll(exact: readonly string[], patterns: readonly OriginPattern[]): void {
    this.exact.clear();
    for (const origin of exact) this.exact.add(origin);
    this.patterns = [...patterns];
    this.removed();
  }

  /** The runtime entries, for introspection. */
  list(): string[] {
    return [...this.exact, ...this.patterns.map((p) => p.source)];
  }
}
