/**
 * `nestjs-cors/ws`: `CorsWsAdapter`, which checks ws gateways' handshakes against their CORS
 * policies (needs `@nestjs/platform-ws`).
 *
 * @packageDocumentation
 */
export { CorsWsAdapter } from './cors-ws-adapter.js';
