import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ADAPTERS } from '../utils/adapters.js';

const FIXTURES = new URL('./fixtures/', import.meta.url);
const DIST = new URL('../../../dist/index.js', import.meta.url);

/** Runs the fixture app on the built package with `@opentelemetry/*` unresolvable; its JSON line and the import attempts. */
function runWithoutOpenTelemetry(adapter: string, metrics: boolean): Promise<{ result: Record<string, unknown>; attempts: number }> {
  const args = ['--import', fileURLToPath(new URL('hide-opentelemetry.mjs', FIXTURES)), fileURLToPath(new URL('app-without-opentelemetry.mjs', FIXTURES)), adapter];
  if (metrics) args.push('metrics');
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { timeout: 15_000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`${error.message}\n${stderr}`));
      resolve({ result: JSON.parse(stdout) as Record<string, unknown>, attempts: stderr.split('\n').filter((line) => line === 'hidden: @opentelemetry/api').length });
    });
  });
}

/**
 * `@opentelemetry/api` is an optional peer dependency: the built package, in a Node process where
 * it cannot be resolved (a resolve hook answers ERR_MODULE_NOT_FOUND, as a missing package does),
 * serves and reports without it, never even tries to load it unless `metrics: true`, and with
 * `metrics: true` refuses to start with an error naming the package.
 */
describe.each(ADAPTERS)('without @opentelemetry/api installed (%s)', (name) => {
  it('the package works: answers, events and the origin report, and no attempt to load it', async () => {
    expect(existsSync(DIST)).toBe(true); // `npm run build` first, as CI does
    const { result, attempts } = await runWithoutOpenTelemetry(name, false);
    expect(result).toEqual({
      otelImport: 'ERR_MODULE_NOT_FOUND',
      status: 200,
      allowOrigin: 'https://app.example.com',
      events: ['actual allowed allowed'],
      report: [['module', [['https://app.example.com', 1]]]],
    });
    // The one attempt is the fixture's own check that the package is hidden.
    expect(attempts).toBe(1);
  });

  it('metrics: true fails at startup with a CorsConfigurationError naming the package to install', async () => {
    const { result, attempts } = await runWithoutOpenTelemetry(name, true);
    expect(result.error).toEqual({
      name: 'CorsConfigurationError',
      message: expect.stringMatching(
        /^Invalid CORS configuration \(1 problem\):\n {2}1\. \[missing-dependency\] CorsModule options: metrics = true: metrics need the optional peer dependency @opentelemetry\/api: npm install @opentelemetry\/api \(it could not be loaded: Cannot find package '@opentelemetry\/api'/,
      ),
    });
    expect(attempts).toBe(2);
  });
});
