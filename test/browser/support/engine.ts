import { describe, it } from '@jest/globals';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
  /**
   * What the browser printed to the page's console since the page opened, in order: console API
   * calls, uncaught errors, and the engine's own messages (a blocked CORS request, a refused
   * WebSocket), as the console shows them.
   */
  readonly console: readonly string[];
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

/** A driver's page or frame, as far as running a script in it goes (Playwright's and Puppeteer's alike). */
interface DriverTarget {
  evaluate(fn: never, arg: unknown): Promise<unknown>;
}

/** A driver's page, as far as a TestPage needs it beyond `waitFor` and `frame`. */
interface DriverPage extends DriverTarget {
  goto(url: string): Promise<unknown>;
  screenshot(options: { fullPage: boolean }): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** The page script runner of a driver's page or frame. */
export function evaluatorOf(target: DriverTarget): Evaluator {
  return { evaluate: ((fn: never, arg: unknown) => target.evaluate(fn, arg)) as Evaluator['evaluate'] };
}

/** A TestPage over a driver's page; `waitFor`, `frame` and how console messages are read are where the drivers differ. */
export function testPage(page: DriverPage, own: Pick<TestPage, 'waitFor' | 'frame' | 'console'>): TestPage {
  return {
    ...evaluatorOf(page),
    ...own,
    goto: async (url) => {
      await page.goto(url);
    },
    screenshot: () => page.screenshot({ fullPage: true }),
    close: () => page.close(),
  };
}

/** What a driver gives a TestBrowser. */
export interface DriverBrowser<P> {
  newPage(): Promise<P>;
  wrap(page: P): TestPage;
  clearCookies(): Promise<void>;
  close(): Promise<void>;
  /** Ends the browser process when `close` did not within the bound. */
  kill(): void;
}

/**
 * Launches a browser on a fresh profile directory (deleted on close, or at once if the launch
 * fails) and returns it as a TestBrowser that closes the pages it opened, then the browser,
 * each within CLOSE_BOUND_MS.
 */
export async function launchWithProfile<P extends { close(): Promise<void> }>(
  engine: string,
  launch: (profile: string) => Promise<DriverBrowser<P>>,
): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), `nestjs-cors-${engine}-`));
  let driver: DriverBrowser<P>;
  try {
    driver = await launch(profile);
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  const opened: P[] = [];
  return {
    newPage: async () => {
      const page = await driver.newPage();
      opened.push(page);
      return driver.wrap(page);
    },
    clearCookies: () => driver.clearCookies(),
    close: async () => {
      await bounded(Promise.all(opened.map((page) => page.close())), CLOSE_BOUND_MS, () => undefined);
      await bounded(driver.close(), CLOSE_BOUND_MS, () => driver.kill());
      rmSync(profile, { recursive: true, force: true });
    },
  };
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
