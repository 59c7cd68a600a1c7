export * from './cors-configuration.error.js';
export * from './cors-origin-store.error.js';
