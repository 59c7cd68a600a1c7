/** The Redis names one store uses. */
export interface RedisStoreKeys {
  /** A set of `JSON.stringify([policy, origin])`: the allowed origins (the only key before versions). */
  readonly set: string;
  /** A hash from the same members to their signed version: positive allowed, negative revoked. */
  readonly versions: string;
  /** A hash `{ generation, last }`: present while the store holds a complete state; `last` = the highest version given. */
  readonly marker: string;
  /** The pub/sub channel of changes. */
  readonly channel: string;
}

/**
 * The keys of a store with this prefix, all in one hash slot, so that one script can touch them
 * in a Redis Cluster. The set keeps its name from before versions existed (`<prefix>:origins`);
 * the others carry it as their hash tag (`{<prefix>:origins}:versions`). A prefix that holds a hash
 * tag of its own (`{api}`) is used as it is; braces that do not form a tag are refused.
 */
export function redisStoreKeys(prefix: string): RedisStoreKeys {
  const set = `${prefix}:origins`;
  const channel = `${set}:changes`;
  const open = set.indexOf('{');
  const close = open === -1 ? -1 : set.indexOf('}', open + 1);
  if (close > open + 1) return { set, versions: `${set}:versions`, marker: `${set}:marker`, channel };
  if (set.includes('{') || set.includes('}')) {
    throw new Error(`RedisOriginStore: prefix ${JSON.stringify(prefix)} has braces that are not a Redis hash tag; use one like "{my-api}", or no braces`);
  }
  return { set, versions: `{${set}}:versions`, marker: `{${set}}:marker`, channel };
}
