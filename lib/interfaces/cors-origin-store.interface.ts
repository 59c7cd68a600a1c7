/**
 * The latest change to one runtime origin of one policy, as a store keeps it. Revokes are kept
 * too (`allowed: false`), so that an instance that missed a revoke cannot bring the origin back
 * when it puts its records into a store that lost them.
 * @publicApi
 */
export interface CorsOriginRecord {
  /**
   * `'default'` (`CORS_DEFAULT_POLICY`) for the module defaults, or a policy name. Records written
   * before the defaults had a name carry `''`; they are read as `'default'`.
   */
  policy: string;
  /** The origin or pattern, as `allowOrigin()` took it. */
  origin: string;
  /** `true`: allowed; `false`: revoked. */
  allowed: boolean;
  /**
   * Given by the store when it takes the change, higher for every later change (Redis: its
   * clock in milliseconds, kept increasing). Of two records of one origin, the higher wins.
   */
  version: number;
}

/**
 * The store's content after a `sync`.
 * @publicApi
 */
export interface CorsOriginStoreSnapshot {
  /** Every record the store holds, revokes included. */
  records: CorsOriginRecord[];
  /**
   * How many of the records given to `sync` the store did not hold (or held an older version of)
   * and took. More than 0 means the store had lost them: every record comes from the store.
   */
  putBack: number;
}

/**
 * What a store reports to the instance that watches it.
 * @publicApi
 */
export type CorsOriginStoreEvent =
  /** Changes another instance made, or records another instance put back after a loss. */
  | { type: 'change'; records: CorsOriginRecord[] }
  /**
   * Changes may have been missed, or the store may have lost records (it reconnected after an
   * outage, or found its marker gone or replaced): call `sync()` again.
   */
  | { type: 'resync' }
  /** The store is unreachable: instances keep serving their last known origins. */
  | { type: 'unavailable'; error?: unknown };

/**
 * Where runtime origins (`CorsPolicyService.allowOrigin`) are kept, so that every instance of an
 * API sees the same set and it survives restarts. Each instance keeps a local copy that the
 * request path reads; the store is only used to persist changes, to hear about others', and to
 * get back what it lost from the instances that still hold it.
 * @publicApi
 */
export interface CorsOriginStore {
  /**
   * Puts `known` (every record this instance holds, revokes included) into the store, keeping for
   * each origin the record with the higher version, and returns every record the store then
   * holds. Called at startup (with nothing known) and after each `resync` event.
   */
  sync(known: readonly CorsOriginRecord[]): Promise<CorsOriginStoreSnapshot>;
  /** Records an allowed origin and tells the other instances; resolves with the stored record. */
  add(policy: string, origin: string): Promise<CorsOriginRecord>;
  /** Records a revoke and tells the other instances; resolves with the stored record. */
  remove(policy: string, origin: string): Promise<CorsOriginRecord>;
  /** Starts delivering other instances' changes and connection events. Called once. */
  watch(listener: (event: CorsOriginStoreEvent) => void): void;
  /** Releases connections the store opened itself. Called when the app shuts down. */
  close?(): Promise<void>;
}
