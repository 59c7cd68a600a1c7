export { CorsModule } from './cors.module.js';
export { CorsPolicyService } from './cors-policy.service.js';
export { CORS_DEFAULT_POLICY, CORS_MODULE_OPTIONS, CORS_POLICY_METADATA } from './cors.constants.js';
export * from './decorators/index.js';
export * from './errors/index.js';
export * from './interfaces/index.js';
