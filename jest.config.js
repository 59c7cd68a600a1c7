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
    '^nestjs-cors/socket\\.io$': '<rootDir>/lib/socket.io/index.ts',
    '^nestjs-cors/ws$': '<rootDir>/lib/ws/index.ts',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  testMatch: ['<rootDir>/test/**/*.spec.ts'],
  testTimeout: 20000,
};
