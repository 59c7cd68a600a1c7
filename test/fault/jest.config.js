/**
 * The fault suite (`npm run test:fault`, a step of its own in .ci/run): real redis-servers killed
 * under traffic. Not part of `npm test` (its files end in `.fault.ts`).
 */
import base from '../../jest.config.js';

export default {
  ...base,
  rootDir: '../..',
  testMatch: ['<rootDir>/test/fault/**/*.fault.ts'],
  testTimeout: 60_000,
  reporters: ['default', '<rootDir>/test/fault/summary-reporter.js'],
};
