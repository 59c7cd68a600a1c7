/**
 * Shared fast-check settings for the property suite (`test/property/*.property.spec.ts`).
 *
 * - In CI (`CI=true`) every property runs with a fixed seed, so a red build is reproducible.
 * - Locally the seed is random on each run (more inputs explored over time), unless `FC_SEED`
 *   is set. On failure fast-check prints `seed` and `path`; replay with
 *   `FC_SEED=<seed> npm test -- test/property` (or pass `path` to `fc.assert` while debugging).
 * - `FC_RUNS` overrides the number of runs of every property (default: fast-check's 100):
 *
 *     FC_RUNS=100000 npm test -- test/property
 *
 *   With `FC_RUNS` set, the Jest timeout of the properties is raised to one hour.
 */
import type { Parameters } from 'fast-check';

function integerFromEnv(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) throw new Error(`${name} must be an integer, got "${raw}"`);
  return value;
}

/** True on CI (GitHub Actions and most CI services set `CI=true`). */
export const IN_CI = process.env.CI === 'true';

/** The fixed seed used in CI. */
export const CI_SEED = 20261124;

/** The seed of this run: `FC_SEED`, else fixed in CI, else random. */
export const FC_SEED: number = integerFromEnv('FC_SEED') ?? (IN_CI ? CI_SEED : (Math.random() * 0x1_0000_0000) | 0);

/** `FC_RUNS`, when set: the number of runs of every property. */
export const FC_RUNS: number | undefined = integerFromEnv('FC_RUNS');

/** Jest timeout for one property: the usual 20 s, or one hour when more runs were asked for. */
export const PROPERTY_TIMEOUT_MS = FC_RUNS === undefined ? 20_000 : 3_600_000;

/**
 * Parameters for `fc.assert`: the run's seed, fast-check's default number of runs (or `FC_RUNS`),
 * plus per-property extras (which cannot override `FC_RUNS`).
 */
export function fcParams<T>(extra: Parameters<T> = {}): Parameters<T> {
  return {
    seed: FC_SEED,
    ...extra,
    ...(FC_RUNS === undefined ? {} : { numRuns: FC_RUNS }),
  };
}
