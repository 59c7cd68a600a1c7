/** Jest in ESM mode: Nest 12 is ESM-only (run through `npm test`, which sets --experimental-vm-modules). */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    // The sample imports the library by its package name; in tests that name means the source
    // in lib/, so `npm test` needs no prior build and never tests a stale dist/.
    '^nestjs-cors$': '<rootDir>/lib/index.ts',
    '^nestjs-cors/redis$': '<rootDir>/lib/redis/index.ts',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
    // @fastify/static 10 (served by @nestjs/serve-static and Swagger on Fastify) require()s
    // content-disposition 3, an ESM-only package. Node 20.19+ loads it (require(esm)); Jest's
    // module loader does so only on Node 24.9+, so Jest gets it compiled to CommonJS.
    '/node_modules/content-disposition/dist/.+\\.js$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  transformIgnorePatterns: ['^(?!.*/node_modules/content-disposition/dist/).*/node_modules/', '\\.pnp\\.[^\\/]+$'],
  testMatch: ['<rootDir>/test/**/*.spec.ts'],
  testTimeout: 20000,
};
