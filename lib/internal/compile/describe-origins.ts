import type { EffectivePolicy } from '../policy/merge-policy.js';
import type { ConfiguredLevel } from './endpoint-source.js';

/**
 * The describe stage: where a compiled policy's origin rule comes from, as log lines and
 * `getRoutes()` name it (`CompiledPolicy.originsFrom`): `the module defaults`, `policy "partners"`,
 * or the place inline origins are written (`@Cors() on ItemsController`, `paths['/graphql']`).
 */
export function describeOrigins(effective: EffectivePolicy, levels: readonly ConfiguredLevel[]): string {
  const source = effective.sources.origin;
  if (source === 'module') return 'the module defaults';
  if (source?.startsWith('policy:')) return `policy "${source.slice('policy:'.length)}"`;
  // Inline origins: written at the closest level of that name (an endpoint's levels that take
  // inline options have distinct names).
  for (let i = levels.length - 1; i >= 0; i--) {
    const { level, location, writtenAs } = levels[i]!;
    if (level === source) return writtenAs === 'decorator' ? `@Cors() on ${location}` : location;
  }
  return 'inline options';
}
