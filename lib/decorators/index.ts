export * from './cors.decorator.js';
