import { expect } from '@jest/globals';
import { OriginPattern } from '../../../lib/internal/origin/origin-pattern.js';
import { parseOriginSetting } from '../../../lib/internal/origin/origin-setting.js';
import { OriginParts, parseSerializedOrigin } from '../../../lib/internal/origin/serialized-origin.js';

/** Parses a pattern that the test expects to be valid. */
export function pattern(value: string): OriginPattern {
  const setting = parseOriginSetting(value);
  if (setting.kind !== 'pattern') throw new Error(`test setup: ${value} is not a valid pattern (${JSON.stringify(setting)})`);
  return setting.pattern;
}

/** Parses an origin that the test expects to be canonical. */
export function parts(value: string): OriginParts {
  const parsed = parseSerializedOrigin(value);
  expect(parsed).toBeDefined();
  return parsed!;
}
