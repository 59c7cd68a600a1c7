export * from './cors-configuration.error.js';
