export { CorsIoAdapter } from './cors-io-adapter.js';
