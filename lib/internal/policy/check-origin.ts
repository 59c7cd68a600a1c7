import { OriginMatcher } from '../origin/origin-matcher.js';
import { CompiledPolicy } from './compiled-policy.js';

/** Why an origin function did not allow an origin, for the log. */
export type OriginFunctionFailure = { kind: 'threw'; error: unknown } | { kind: 'timeout'; ms: number };

/**
 * Decides whether a policy allows an origin. Synchronous unless an async origin function has
 * to be asked. A function that throws, rejects or takes longer than `timeoutMs` refuses the
 * origin (fail closed) and is reported through `onFailure`; it never becomes a 5xx.
 */
export function checkOrigin(
  policy: CompiledPolicy,
  origin: string,
  request: unknown,
  timeoutMs: number,
  onFailure: (failure: OriginFunctionFailure) => void,
): boolean | Promise<boolean> {
  if (policy.anyOrigin || policy.matcher.matches(origin)) return true;
  const fn = policy.originFunction;
  if (fn === undefined) return false;
  const cache = policy.originCache;
  // Only well-formed origins are ever asked and remembered, so a remembered answer needs no parsing.
  if (cache !== undefined) {
    const known = cache.lookup(origin, false);
    if (known !== undefined) return known;
  }
  if (!OriginMatcher.isCandidate(origin)) return false;
  cache?.countMiss();
  let result: boolean | Promise<boolean>;
  try {
    result = cache === undefined ? fn(origin, request) : cache.resolve(origin, () => fn(origin, request));
  } catch (error) {
    onFailure({ kind: 'threw', error });
    return false;
  }
  if (result === true) return true;
  if (result === null || typeof result !== 'object' || typeof (result as Promise<boolean>).then !== 'function') return false;
  return new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => {
      cache?.abandon(origin, result as Promise<boolean>);
      onFailure({ kind: 'timeout', ms: timeoutMs });
      resolve(false);
    }, timeoutMs);
    timer.unref?.();
    Promise.resolve(result).then(
      (allowed) => {
        clearTimeout(timer);
        resolve(allowed === true);
      },
      (error: unknown) => {
        clearTimeout(timer);
        onFailure({ kind: 'threw', error });
        resolve(false);
      },
    );
  });
}
