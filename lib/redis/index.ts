export * from './redis-origin-store.js';
