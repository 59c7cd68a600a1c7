export * from './cors.guard.js';
