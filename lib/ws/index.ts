export { CorsWsAdapter } from './cors-ws-adapter.js';
