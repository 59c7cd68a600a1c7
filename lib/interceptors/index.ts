export * from './cors.interceptor.js';
