import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { startFactoryApp } from '../path-policies/support.js';
import { ADAPTERS, RunningApp } from '../utils/adapters.js';
import { RawResponse, corsHeaders, preflight, send } from '../utils/http.js';
import { AppModule } from './quick-start.app.module.js';

const APP = 'https://app.example.com';
const ADMIN = 'https://admin.example.com';
const EVIL = 'https://evil.example';
const PREFLIGHT_VARY = ['Origin, Access-Control-Request-Method, Access-Control-Request-Headers'];

/** Status, every Access-Control-* header and Vary of a response (absent ones included). */
const answer = (res: RawResponse) => ({ status: res.status, cors: corsHeaders(res), vary: res.headers.vary });

describe("the README's quick start", () => {
  it('is quick-start.app.module.ts, character for character', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const module = readFileSync(new URL('./quick-start.app.module.ts', import.meta.url), 'utf8');
    expect(readme).toContain('```ts file=app.module.ts\n' + module + '```\n');
  });
});

// The module is started as the README's main.ts starts it (NestFactory.create), and asked what
// the README's table says it answers.
describe.each(ADAPTERS)("the README's quick start, started with NestFactory.create (%s)", (_name, adapter) => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startFactoryApp(adapter, AppModule);
  });
  afterAll(() => running.close());

  it('allows the GET preflight of the module defaults', async () => {
    expect(answer(await preflight(running.url, '/items/1', APP, 'GET'))).toEqual({
      status: 204,
      cors: {
        'access-control-allow-origin': [APP],
        'access-control-allow-credentials': ['true'],
        'access-control-allow-methods': ['GET'],
        'access-control-max-age': ['600'],
      },
      vary: PREFLIGHT_VARY,
    });
  });

  it("refuses the module defaults' origin a DELETE preflight: 403, no Access-Control-* header", async () => {
    expect(answer(await preflight(running.url, '/items/1', APP, 'DELETE'))).toEqual({ status: 403, cors: {}, vary: PREFLIGHT_VARY });
  });

  it('allows the admin console the DELETE preflight, with the credentials it inherits from the defaults', async () => {
    expect(answer(await preflight(running.url, '/items/1', ADMIN, 'DELETE'))).toEqual({
      status: 204,
      cors: {
        'access-control-allow-origin': [ADMIN],
        'access-control-allow-credentials': ['true'],
        'access-control-allow-methods': ['DELETE'],
        'access-control-max-age': ['600'],
      },
      vary: PREFLIGHT_VARY,
    });
  });

  it('lets the app origin read GET /items/1', async () => {
    const res = await send(running.url, 'GET', '/items/1', { Origin: APP });
    expect(answer(res)).toEqual({
      status: 200,
      cors: { 'access-control-allow-origin': [APP], 'access-control-allow-credentials': ['true'] },
      vary: ['Origin'],
    });
    expect(res.body).toBe('{"id":"1"}');
  });

  it('runs the handler for another origin but gives it no Access-Control-* header', async () => {
    const res = await send(running.url, 'GET', '/items/1', { Origin: EVIL });
    expect(answer(res)).toEqual({ status: 200, cors: {}, vary: ['Origin'] });
    expect(res.body).toBe('{"id":"1"}');
  });
});
