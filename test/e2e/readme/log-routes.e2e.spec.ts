import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { startFactoryApp } from '../path-policies/support.js';
import { ADAPTERS, RunningApp } from '../utils/adapters.js';
import { AppModule } from './log-routes.app.module.js';

const page = readFileSync(new URL('../../../docs/troubleshooting.md', import.meta.url), 'utf8');

describe('the logRoutes example of docs/troubleshooting.md', () => {
  it('is log-routes.app.module.ts, character for character', () => {
    const module = readFileSync(new URL('./log-routes.app.module.ts', import.meta.url), 'utf8');
    expect(page).toContain('```ts file=app.module.ts\n' + module + '```\n');
  });
});

describe.each(ADAPTERS)('the logRoutes table docs/troubleshooting.md shows (%s)', (name, adapter) => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startFactoryApp(adapter, AppModule);
  });
  afterAll(() => running.close());

  it('is what the module logs at startup', () => {
    const shown = /```text\n(CORS policies:\n[\s\S]*?)\n```/.exec(page)?.[1];
    expect(shown).toBeDefined();
    // The page shows Express; on Fastify actual requests of controller routes are decided by their route hook.
    const expected = name === 'fastify' ? shown!.replace(/^((?:GET|DELETE) .*?)entry-hook/gm, '$1route-hook') : shown;
    expect(running.logger.cors('log').filter((line) => line.startsWith('CORS policies:'))).toEqual([expected]);
  });
});
