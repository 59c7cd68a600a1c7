import { INestApplication, LoggerService, ModuleMetadata, Type } from '@nestjs/common';
import { AbstractHttpAdapter } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { withDeadline } from '../../../sample/shutdown/close-server.js';

/** The adapters every e2e scenario runs on: `describe.each(ADAPTERS)`. */
export const ADAPTERS: ReadonlyArray<readonly [name: 'express' | 'fastify', create: () => AbstractHttpAdapter]> = [
  ['express', () => new ExpressAdapter()],
  ['fastify', () => new FastifyAdapter()],
];

/** A logger that keeps what it was told, for tests that assert on log lines. */
export class RecordingLogger implements LoggerService {
  readonly lines: Array<{ level: string; message: string; context?: string }> = [];
  log(message: unknown, context?: string) { this.lines.push({ level: 'log', message: String(message), context }); }
  error(message: unknown, _trace?: string, context?: string) { this.lines.push({ level: 'error', message: String(message), context }); }
  warn(message: unknown, context?: string) { this.lines.push({ level: 'warn', message: String(message), context }); }
  debug(message: unknown, context?: string) { this.lines.push({ level: 'debug', message: String(message), context }); }
  verbose(message: unknown, context?: string) { this.lines.push({ level: 'verbose', message: String(message), context }); }
  /** Messages logged by CorsModule. */
  cors(level?: string): string[] {
    return this.lines.filter((l) => l.context === 'CorsModule' && (!level || l.level === level)).map((l) => l.message);
  }
}

/** A running app on a loopback port. */
export interface RunningApp {
  app: INestApplication;
  url: string;
  logger: RecordingLogger;
  close(): Promise<void>;
}

/** What a scenario may do to the app before it initializes, as `main.ts` would. */
export type Setup = (app: INestApplication) => void | Promise<void>;

/**
 * Compiles `metadata` into an app on the named adapter, lets `setup` configure it like a
 * `main.ts`, and listens on 127.0.0.1 with a free port. `close()` is immediate: the adapter
 * destroys open connections (`forceCloseConnections`; without it Node waits for a browser's
 * unused sockets and for a keep-alive request in flight), and a close that still hangs fails.
 */
export async function startApp(
  create: () => AbstractHttpAdapter,
  metadata: ModuleMetadata | Type,
  setup?: Setup,
): Promise<RunningApp> {
  const logger = new RecordingLogger();
  const moduleRef = await Test.createTestingModule(typeof metadata === 'function' ? { imports: [metadata] } : metadata).compile();
  const app = moduleRef.createNestApplication(create(), { logger, forceCloseConnections: true });
  await setup?.(app);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  return { app, url, logger, close: () => withDeadline(`closing the ${app.getHttpAdapter().getType()} app`, app.close()) };
}
