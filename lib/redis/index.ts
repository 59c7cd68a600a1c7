/**
 * `nestjs-cors/redis`: `RedisOriginStore`, which keeps runtime origins in Redis and shares them
 * between instances (needs `ioredis`).
 *
 * @packageDocumentation
 */
export * from './redis-origin-store.js';
