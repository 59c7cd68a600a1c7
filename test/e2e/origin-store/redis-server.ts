import { describe } from '@jest/globals';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { withDeadline } from '../../../sample/shutdown/close-server.js';

/** Where Debian's redis-server lives; the suite needs it (`apt-get install redis-server`). */
export const REDIS_SERVER = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => existsSync(p));

/**
 * `describe`, or `describe.skip` (with a warning) where redis-server is missing; under `CI=true`
 * a missing redis-server fails instead.
 */
export function describeWithRedis(): typeof describe | typeof describe.skip {
  if (REDIS_SERVER) return describe;
  if (process.env.CI === 'true') throw new Error('redis-server is missing: apt-get install redis-server');
  console.warn('Skipping the Redis origin store tests: redis-server is missing (apt-get install redis-server)');
  return describe.skip;
}

/** A free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** How a test server keeps its data across restarts. */
export interface RedisServerOptions {
  /** `aof` (default): every write in an append-only file, fsync always; `none`: a restart starts empty. */
  persistence?: 'aof' | 'none';
  /** More `redis-server` arguments (cluster mode, for example). */
  args?: readonly string[];
}

/** A redis-server on 127.0.0.1 with its files in `dir`; by default it persists every write. */
export class RedisServer {
  private process: ChildProcess | undefined;

  constructor(
    readonly port: number,
    private readonly dir: string,
    private readonly options: RedisServerOptions = {},
  ) {}

  /** Whether the server process is running. */
  get running(): boolean {
    return this.process !== undefined && this.process.exitCode === null;
  }

  start(): Promise<void> {
    const persistence = this.options.persistence === 'none' ? ['--appendonly', 'no'] : ['--appendonly', 'yes', '--appendfsync', 'always'];
    const child = spawn(
      REDIS_SERVER!,
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', ...persistence, '--dir', this.dir, ...(this.options.args ?? [])],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.process = child;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('redis-server did not start within 10 s')), 10_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited with ${code}`));
      });
    });
  }

  /** Kills the server without warning, as a crash would. */
  kill(): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (!child || child.exitCode !== null) return Promise.resolve();
    const exited = new Promise<void>((resolve) => {
      child.removeAllListeners('exit');
      child.on('exit', () => resolve());
      child.kill('SIGKILL');
    });
    return withDeadline('redis-server exiting after SIGKILL', exited);
  }
}
