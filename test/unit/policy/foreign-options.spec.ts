import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { validatePolicyFields } from '../../../lib/internal/policy/validate-policy-options.js';

/** Options of the `cors` package (Express) and of `@fastify/cors` that this library does not take. */
const FOREIGN_OPTIONS = ['preflightContinue', 'preflight', 'strictPreflight', 'hideOptionsRoute', 'hook', 'cacheControl', 'logLevel', 'delegator', 'headers'];

const typeTests = readFileSync(new URL('../../types/options.type-test.ts', import.meta.url), 'utf8').split('\n');

describe('options of cors and @fastify/cors: startup and the compiler say why, in the same words', () => {
  it.each(FOREIGN_OPTIONS)('%s', (key) => {
    const problems = validatePolicyFields({ origin: 'https://app.example.com', [key]: true });
    expect(problems).toEqual([{ code: 'unsupported-option', field: key, value: true, message: expect.stringMatching(/^(not supported|not needed|the cors package)/) }]);
    // The type test's directive quotes the whole message, and check-type-tests.mjs requires the
    // compiler's error on the line below it to contain it: so the compiler says it too.
    const directive = typeTests.findIndex((line, i) => line.trim() === `// @ts-expect-error -- ${problems[0]!.message}` && typeTests[i + 1]!.includes(` ${key}: `));
    expect(directive).toBeGreaterThanOrEqual(0);
  });

  it('in module options too; other spellings of their names are typos ("did you mean")', () => {
    expect(validatePolicyFields({ preflightContinue: false }, true).map((p) => p.code)).toEqual(['unsupported-option']);
    expect(validatePolicyFields({ Headers: [] })).toEqual([{ code: 'unknown-option', field: 'Headers', value: [], message: 'unknown option: did you mean "allowedHeaders"?' }]);
  });
});
