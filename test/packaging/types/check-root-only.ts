/** For `moduleResolution: node10`, which ignores `exports`: only the root entry (`main`/`types`). */
import { CorsModule, type CorsModuleOptions } from 'nestjs-cors';

export const module = CorsModule.forRoot({ origin: ['https://app.example.com'] });
// @ts-expect-error -- 42 is not a CorsOrigin (fails only if the types are real)
export const wrong: CorsModuleOptions = { origin: 42 };

// Literal options are checked in the consumer's TypeScript too (lists stay assignable, the rule bites).
export const literal = CorsModule.forRoot({ origin: ['https://app.example.com', /^https:\/\/[a-z]+\.example\.com$/], credentials: true, policies: { open: { origin: '*', credentials: false } } });
// @ts-expect-error -- origin '*' cannot be combined with credentials: true
export const refused = CorsModule.forRoot({ origin: '*', credentials: true });
