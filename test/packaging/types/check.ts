/**
 * Compiled against the installed tarball under each `moduleResolution` (see run.mjs): the
 * package's types must be found, for both entry points, and be real types (not `any`).
 */
import { Cors, CorsConfigurationError, CorsModule, CorsPolicyService, type CorsModuleOptions } from 'nestjs-cors';
import { RedisOriginStore } from 'nestjs-cors/redis';

const options: CorsModuleOptions = { origin: ['https://app.example.com'], credentials: true, maxAge: 600 };
export const module = CorsModule.forRoot(options);
export const decorator: MethodDecorator & ClassDecorator = Cors('partners', { maxAge: 60 });
export const store: typeof RedisOriginStore = RedisOriginStore;
export type Routes = ReturnType<CorsPolicyService['getRoutes']>;
export const problemsOf = (error: CorsConfigurationError): string[] => error.problems.map((p) => p.code);

// Fails only if the types above are real: were they `any`, this directive would be unused.
// @ts-expect-error -- 42 is not a CorsOrigin
export const wrong: CorsModuleOptions = { origin: 42 };

// Literal options are checked in the consumer's TypeScript too (lists stay assignable, the rule bites).
export const literal = CorsModule.forRoot({ origin: ['https://app.example.com', /^https:\/\/[a-z]+\.example\.com$/], credentials: true, policies: { open: { origin: '*', credentials: false } } });
// @ts-expect-error -- origin '*' cannot be combined with credentials: true
export const refused = CorsModule.forRoot({ origin: '*', credentials: true });

// Mechanism is not part of the package's API (issue 19): each import below must fail, so an
// export that comes back makes its directive unused, which fails this check.
// @ts-expect-error -- the metadata key of @Cors()
import { CORS_POLICY_METADATA } from 'nestjs-cors';
// @ts-expect-error -- the options' injection token
import { CORS_MODULE_OPTIONS } from 'nestjs-cors';
// @ts-expect-error -- the request-path strategy names (getRoutes() reports headersFrom instead)
import type { CorsActualRequestStrategy } from 'nestjs-cors';
// @ts-expect-error -- the compile-time checks of options
import type { CheckedCorsPolicy } from 'nestjs-cors';
// @ts-expect-error -- the compile-time checks of module options
import type { CheckedCorsModuleOptions } from 'nestjs-cors';
// @ts-expect-error -- the type a refused literal option turns into
import type { CorsTypeError } from 'nestjs-cors';
export type Removed = [typeof CORS_POLICY_METADATA, typeof CORS_MODULE_OPTIONS, CorsActualRequestStrategy, CheckedCorsPolicy<object>, CheckedCorsModuleOptions<object>, CorsTypeError<''>];
