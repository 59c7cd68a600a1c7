/**
 * Per-route CORS for NestJS: `CorsModule.forRoot()`, the `@Cors()` decorator, `CorsPolicyService`
 * for runtime origins and introspection, and the types of their options and reports.
 * `nestjs-cors/redis`, `nestjs-cors/socket.io` and `nestjs-cors/ws` hold the optional parts.
 *
 * @packageDocumentation
 */
export { CorsModule } from './cors.module.js';
export { CorsPolicyService } from './cors-policy.service.js';
export { CORS_DEFAULT_POLICY } from './cors.constants.js';
export * from './decorators/index.js';
export * from './errors/index.js';
export * from './interfaces/index.js';
