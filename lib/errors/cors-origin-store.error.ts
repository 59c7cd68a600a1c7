/**
 * A change to runtime origins that the origin store did not take (`CorsPolicyService.allowOrigin`
 * / `revokeOrigin` while Redis is unreachable, or a write Redis refused). The change was undone
 * on this instance, so every instance still agrees with the store. `cause` is the client's own
 * error, when there is one.
 * @publicApi
 */
export class CorsOriginStoreError extends Error {
  /** What was being written: `allow` or `revoke`. */
  readonly operation: 'allow' | 'revoke';
  /** The policy of the change (`CORS_DEFAULT_POLICY` for the module defaults). */
  readonly policy: string;
  /** The origin of the change. */
  readonly origin: string;

  constructor(operation: 'allow' | 'revoke', policy: string, origin: string, reason: string, cause?: unknown) {
    super(`Origin store did not take ${operation} ${JSON.stringify(origin)} (${JSON.stringify(policy)}): ${reason}`, cause === undefined ? undefined : { cause });
    this.name = 'CorsOriginStoreError';
    this.operation = operation;
    this.policy = policy;
    this.origin = origin;
  }
}
