/**
 * A change another instance made, or a request to reload everything.
 * @publicApi
 */
export type CorsOriginStoreEvent =
  | { type: 'add' | 'remove'; policy: string; origin: string }
  /**
   * Changes may have been missed (the store just started delivering them, or reconnected after
   * an outage): reload everything with `load()`.
   */
  | { type: 'resync' }
  /** The store is unreachable: instances keep serving their last known origins. */
  | { type: 'unavailable'; error?: unknown };

/**
 * Where runtime origins (`CorsPolicyService.allowOrigin`) are kept, so that every instance of
 * an API sees the same set and it survives restarts. Each instance keeps a local copy that the
 * request path reads; the store is only used to persist changes and to hear about others'.
 * `policy` is '' for the module defaults, or a policy name.
 * @publicApi
 */
export interface CorsOriginStore {
  /** Every stored origin. Called at startup and after `resync`. */
  load(): Promise<Array<{ policy: string; origin: string }>>;
  /** Persists an origin and tells the other instances. */
  add(policy: string, origin: string): Promise<void>;
  /** Removes an origin and tells the other instances. */
  remove(policy: string, origin: string): Promise<void>;
  /** Starts delivering other instances' changes and connection events. Called once. */
  watch(listener: (event: CorsOriginStoreEvent) => void): void;
  /** Releases connections the store opened itself. Called when the app shuts down. */
  close?(): Promise<void>;
}
