import { expect } from '@jest/globals';
import { Type } from '@nestjs/common';
import { AbstractHttpAdapter, NestFactory } from '@nestjs/core';
import { withDeadline } from '../../../sample/shutdown/close-server.js';
import { RecordingLogger, RunningApp, Setup } from '../utils/adapters.js';
import { RawResponse, corsHeaders, send } from '../utils/http.js';

/** Origins of the path-policy scenarios: each policy names different ones, so an answer shows which policy judged it. */
export const WEB = 'https://app.example.com';
export const PARTNER = 'https://partner.example.org';
export const EVIL = 'https://evil.example.net';

/**
 * `startApp` with `NestFactory.create` instead of the testing module, for packages that pick
 * their adapter while their providers are created: `@nestjs/serve-static` chooses its loader in
 * a factory that reads `HttpAdapterHost`, which the testing module fills only later, in
 * `createNestApplication()`, so under `Test.createTestingModule()` it silently serves nothing.
 */
export async function startFactoryApp(create: () => AbstractHttpAdapter, module: Type, setup?: Setup): Promise<RunningApp> {
  const logger = new RecordingLogger();
  const app = await NestFactory.create(module, create(), { logger, forceCloseConnections: true, abortOnError: false });
  try {
    await setup?.(app);
    await app.listen(0, '127.0.0.1');
  } catch (error) {
    await withDeadline('closing an app that failed to start', app.close());
    throw error;
  }
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  return { app, url, logger, close: () => withDeadline(`closing the ${app.getHttpAdapter().getType()} app`, app.close()) };
}

/** What an actual (non-preflight) response must carry: status, every Access-Control-* header, and Vary (undefined = absent). */
export interface ActualExpectation {
  status: number;
  cors: Record<string, string[]>;
  vary: string[] | undefined;
}

/** Asserts status, the exact set of Access-Control-* headers (absent ones included) and Vary. */
export function expectActual(res: RawResponse, expected: ActualExpectation): void {
  expect({ status: res.status, cors: corsHeaders(res), vary: res.headers.vary }).toEqual(expected);
}

/** The headers of an allowed actual response under a credentialed policy for one origin. */
export function allowedWithCredentials(origin: string, status = 200): ActualExpectation {
  return { status, cors: { 'access-control-allow-origin': [origin], 'access-control-allow-credentials': ['true'] }, vary: ['Origin'] };
}

/** A refused origin (or no Origin) on a path with CORS: no Access-Control-* header, only `Vary: Origin`. */
export function refused(status = 200): ActualExpectation {
  return { status, cors: {}, vary: ['Origin'] };
}

/** POSTs a GraphQL query as JSON (not a simple request: a browser preflights it), from `origin` when given. */
export function postQuery(baseUrl: string, query: string, origin?: string, path = '/graphql'): Promise<RawResponse> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (origin !== undefined) headers.Origin = origin;
  return send(baseUrl, 'POST', path, headers, JSON.stringify({ query }));
}

/** The parsed JSON body of a response. */
export function json(res: RawResponse): unknown {
  return JSON.parse(res.body) as unknown;
}
