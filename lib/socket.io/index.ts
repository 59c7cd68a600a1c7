/**
 * `nestjs-cors/socket.io`: `CorsIoAdapter`, which checks socket.io gateways' handshakes against
 * their CORS policies (needs `@nestjs/platform-socket.io`).
 *
 * @packageDocumentation
 */
export { CorsIoAdapter } from './cors-io-adapter.js';
