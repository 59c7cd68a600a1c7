/** For `moduleResolution: node10`, which ignores `exports`: only the root entry (`main`/`types`). */
import { CorsModule, type CorsModuleOptions } from 'nestjs-cors';

export const module = CorsModule.forRoot({ origin: ['https://app.example.com'] });
// @ts-expect-error -- 42 is not a CorsOrigin (fails only if the types are real)
export const wrong: CorsModuleOptions = { origin: 42 };
