import { describe, it } from '@jest/globals';
import { existsSync } from 'node:fs';

/** Something a page script runs in: a page or one of its frames. */
export interface Evaluator {
  /** Runs `fn(arg)` in the page and returns its (serialisable) result. */
  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
}

/** A browser tab, the same few operations on every engine. */
export interface TestPage extends Evaluator {
  goto(url: string): Promise<void>;
  /** Resolves once `fn(arg)` is truthy in the page (the engine's own bound: 30 s). */
  waitFor<A>(fn: (arg: A) => unknown, arg: A): Promise<void>;
  /** The child frame `<iframe name="…">`, once its document has loaded. */
  frame(name: string): Promise<Evaluator>;
  screenshot(): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** A running browser with a throw-away profile. */
export interface TestBrowser {
  newPage(): Promise<TestPage>;
  clearCookies(): Promise<void>;
  /** Closes its pages, then the browser (bounded), and deletes the profile. */
  close(): Promise<void>;
}

/** A browser engine the suite runs in. */
export interface Engine {
  readonly name: 'chromium' | 'firefox';
  /** `Chromium`, `Firefox`: for test titles. */
  readonly label: string;
  readonly executablePath: string;
  /** How to install it, for the skip message. */
  readonly installHint: string;
  /** What `String(error)` of a fetch the engine blocked reads. */
  readonly blockedFetch: string;
  launch(): Promise<TestBrowser>;
}

/** How long closing a browser may take before its process is killed. */
export const CLOSE_BOUND_MS = 10_000;

/** Resolves with `work`, or after `ms` with undefined (then `onTimeout` runs): teardown never hangs. */
export async function bounded(work: Promise<unknown>, ms: number, onTimeout: () => void): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  const result = await Promise.race([work.then(() => 'done' as const, () => 'done' as const), timeout]);
  clearTimeout(timer);
  if (result === 'timeout') onTimeout();
}

/**
 * `describe` once per engine (`%s` in the title is the engine's label). An engine whose binary
 * is missing is skipped with a message saying how to install it; under `CI=true` it is a
 * failing test instead, so CI can never pass without having run every engine.
 */
export function describeEachEngine(engines: readonly Engine[], title: string, body: (engine: Engine) => void): void {
  for (const engine of engines) {
    const name = title.replace('%s', engine.label);
    if (existsSync(engine.executablePath)) {
      describe(name, () => body(engine));
      continue;
    }
    const hint = `${engine.label} not found at ${engine.executablePath}: ${engine.installHint}`;
    if (process.env.CI === 'true') {
      describe(name, () => {
        it(`needs ${engine.label} under CI=true`, () => {
          throw new Error(`${hint} (CI=true requires the browser tests to run)`);
        });
      });
      continue;
    }
    // Straight to stderr: Jest does not print console output of a file whose tests all skip.
    process.stderr.write(`\n${hint}; its browser tests are skipped.\n`);
    describe.skip(name, () => body(engine));
  }
}
