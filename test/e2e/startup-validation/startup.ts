import { expect } from '@jest/globals';
import { INestApplication, ModuleMetadata } from '@nestjs/common';
import { AbstractHttpAdapter } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { CorsConfigurationError, CorsConfigurationProblem } from '../../../lib/index.js';

/** What a problem must be, with fragments its message must contain. */
export interface ExpectedProblem {
  code: CorsConfigurationProblem['code'];
  field: string;
  value: unknown;
  location: string;
  route?: string;
  /** Fragments the message must contain (what was probably meant). */
  hints: string[];
}

/** An expected problem: `location` first, as the error lists it. */
export function problem(
  location: string,
  code: CorsConfigurationProblem['code'],
  field: string,
  value: unknown,
  hints: string[],
  route?: string,
): ExpectedProblem {
  return { code, field, value, location, ...(route !== undefined ? { route } : {}), hints };
}

/**
 * Compiles `metadata` into an app on the adapter, lets `setup` configure it as a `main.ts` would,
 * runs `app.init()` and returns what it rejected with. The app is closed whatever happens, so a
 * failing app leaks nothing.
 */
export async function initFailure(create: () => AbstractHttpAdapter, metadata: ModuleMetadata, setup?: (app: INestApplication) => void): Promise<unknown> {
  const moduleRef = await Test.createTestingModule(metadata).compile();
  const app = moduleRef.createNestApplication(create(), { logger: false });
  setup?.(app);
  let outcome: { failed: false } | { failed: true; error: unknown } = { failed: false };
  try {
    await app.init();
  } catch (error) {
    outcome = { failed: true, error };
  } finally {
    await app.close();
  }
  if (!outcome.failed) throw new Error('app.init() resolved, but it should have rejected with a CorsConfigurationError');
  return outcome.error;
}

/** Like `initFailure`, and asserts the rejection is one `CorsConfigurationError`. */
export async function startupError(
  create: () => AbstractHttpAdapter,
  metadata: ModuleMetadata,
  setup?: (app: INestApplication) => void,
): Promise<CorsConfigurationError> {
  const error = await initFailure(create, metadata, setup);
  expect(error).toBeInstanceOf(CorsConfigurationError);
  expect((error as Error).name).toBe('CorsConfigurationError');
  return error as CorsConfigurationError;
}

/** Asserts the exact problems, in order: code, field, value, location, route, and message hints. */
export function expectProblems(error: CorsConfigurationError, expected: readonly ExpectedProblem[]): void {
  const actual = error.problems.map(({ message: _message, ...rest }) => rest);
  const wanted = expected.map(({ hints: _hints, ...rest }) => rest);
  expect(actual).toStrictEqual(wanted);
  expected.forEach(({ hints }, i) => {
    const message = error.problems[i]!.message;
    for (const hint of hints) expect(message).toContain(hint);
  });
  expect(error.message).toContain(
    `Invalid CORS configuration (${expected.length} problem${expected.length === 1 ? '' : 's'}):\n`,
  );
}

/** Asserts that the app initializes, then closes it. */
export async function expectStarts(create: () => AbstractHttpAdapter, metadata: ModuleMetadata): Promise<void> {
  const moduleRef = await Test.createTestingModule(metadata).compile();
  const app = moduleRef.createNestApplication(create(), { logger: false });
  try {
    await expect(app.init()).resolves.toBe(app);
  } finally {
    await app.close();
  }
}
