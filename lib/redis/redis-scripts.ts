import { CORS_DEFAULT_POLICY } from '../cors.constants.js';

/**
 * The Lua scripts of `RedisOriginStore`. Each runs atomically on the node that holds the store's
 * slot (KEYS: the set, the versions hash, the marker; see `redis-keys.ts`), so a change, its
 * version, the marker and the message announcing it are never seen apart.
 */

/** Helpers both scripts start with. */
const PRELUDE = `
local set, versions, marker = KEYS[1], KEYS[2], KEYS[3]
-- The version of a member: its entry in the versions hash, or 1 for a member of the set written
-- before versions existed (any recorded change wins over it), or 0 for none.
local function current(member)
  local v = redis.call('HGET', versions, member)
  if v then return math.abs(tonumber(v) or 0) end
  if redis.call('SISMEMBER', set, member) == 1 then return 1 end
  return 0
end
local function put(member, signed)
  redis.call('HSET', versions, member, signed)
  if string.sub(signed, 1, 1) == '-' then redis.call('SREM', set, member) else redis.call('SADD', set, member) end
end
`;

/** Error reply prefix of a write to a store that has no marker (it lost its data, or was never synced). */
export const NO_MARKER = 'NOMARKER';

/**
 * Merges an instance's records into the store. ARGV: a generation id for a store without a
 * marker, the channel, then member / signed-version pairs. Keeps the higher version of each
 * member, creates the marker if it is missing (with `last` at least every version held), renames
 * members of the module defaults written as `""` before they had a name (version 1), publishes
 * what changed, and returns `{ generation, HGETALL versions, SMEMBERS set, how many of the given
 * records it took }`.
 */
export const SYNC_SCRIPT = `${PRELUDE}
local generation = redis.call('HGET', marker, 'generation')
local last = tonumber(redis.call('HGET', marker, 'last') or '0') or 0
if not generation then
  generation = ARGV[1]
  for _, v in ipairs(redis.call('HVALS', versions)) do last = math.max(last, math.abs(tonumber(v) or 0)) end
end
local published = {}
for _, member in ipairs(redis.call('SMEMBERS', set)) do
  if string.sub(member, 1, 4) == '["",' then
    local named = ${JSON.stringify(`[${JSON.stringify(CORS_DEFAULT_POLICY)},`)} .. string.sub(member, 5)
    if current(named) == 0 then
      put(named, '1')
      published[#published + 1] = '[' .. named .. ',1]'
    end
    redis.call('SREM', set, member)
  end
end
local changed = 0
for i = 3, #ARGV, 2 do
  local member, signed = ARGV[i], ARGV[i + 1]
  local v = math.abs(tonumber(signed))
  if v > current(member) then
    put(member, signed)
    changed = changed + 1
    published[#published + 1] = '[' .. member .. ',' .. signed .. ']'
  end
  last = math.max(last, v)
end
redis.call('HSET', marker, 'generation', generation, 'last', string.format('%.0f', last))
if #published > 0 then redis.call('PUBLISH', ARGV[2], '[' .. table.concat(published, ',') .. ']') end
return { generation, redis.call('HGETALL', versions), redis.call('SMEMBERS', set), changed }
`;

/**
 * Records one change. ARGV: the member, `+` (allow) or `-` (revoke), the channel. Refused without
 * a marker: the store lost its data and the instances must put it back first. The version is the
 * server's clock in milliseconds, or one more than the highest given if that is later, so a change
 * made after a restart that lost `last` still wins over every older one. Publishes the change and
 * returns `{ generation, signed version }`.
 */
export const WRITE_SCRIPT = `${PRELUDE}
local generation = redis.call('HGET', marker, 'generation')
if not generation then return redis.error_reply('${NO_MARKER} the origin store has no marker: it lost its data, and the instances are putting it back') end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local last = tonumber(redis.call('HGET', marker, 'last') or '0') or 0
local version = string.format('%.0f', math.max(now, last + 1, current(ARGV[1]) + 1))
local signed = (ARGV[2] == '-' and '-' or '') .. version
redis.call('HSET', marker, 'last', version)
put(ARGV[1], signed)
redis.call('PUBLISH', ARGV[3], '[[' .. ARGV[1] .. ',' .. signed .. ']]')
return { generation, signed }
`;
