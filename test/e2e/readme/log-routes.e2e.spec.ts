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
    const logged = running.logger.cors('log').filter((line) => line.startsWith('CORS policies:'));
    if (name === 'express') {
      expect(logged).toEqual([shown]);
      return;
    }
    // The page shows Express. On Fastify controller routes get their headers from body parsing on
    // (their route hook), a wider value, so the table is compared cell by cell.
    const cells = (table: string) => table.split('\n').map((line) => line.split(/ {2,}/));
    const fastify = cells(shown!).map((row) => (/^(GET|DELETE) /.test(row[0]!) ? row.map((cell) => (cell === 'middleware' ? 'body-parsing' : cell)) : row));
    expect(logged.map(cells)).toEqual([fastify]);
  });
});
