import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, chromium, Frame, Page } from 'playwright-core';
import { bounded, CLOSE_BOUND_MS, Engine, Evaluator, TestBrowser, TestPage } from './engine.js';

/** Debian's `chromium` package; `CHROMIUM_PATH` points elsewhere. Playwright never downloads a browser here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags DEVELOPERS.md asks for: a quiet, headless browser that talks to loopback only. */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // Subdomain scenarios: every *.app.test name (and the apex, and a look-alike) is this machine.
  '--host-resolver-rules=MAP *.app.test 127.0.0.1, MAP app.test 127.0.0.1, MAP evilapp.test 127.0.0.1',
];

type Evaluate = <A, R>(fn: (arg: A) => R | Promise<R>, arg: A) => Promise<R>;

function evaluatorOf(target: Page | Frame): Evaluator {
  return { evaluate: ((fn, arg) => target.evaluate(fn as never, arg)) as Evaluate };
}

function wrap(page: Page): TestPage {
  return {
    ...evaluatorOf(page),
    goto: async (url) => {
      await page.goto(url);
    },
    waitFor: async (fn, arg) => {
      await page.waitForFunction(fn as never, arg);
    },
    frame: async (name) => {
      const element = await page.waitForSelector(`iframe[name="${name}"]`, { state: 'attached' });
      const frame = await element.contentFrame();
      if (frame === null) throw new Error(`the iframe "${name}" has no frame`);
      await frame.waitForLoadState();
      return evaluatorOf(frame);
    },
    screenshot: () => page.screenshot({ fullPage: true }),
    close: () => page.close(),
  };
}

/** Launches headless Chromium (Playwright over CDP) with a fresh `--user-data-dir`. */
export async function launchChromium(): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'nestjs-cors-chromium-'));
  let context: BrowserContext;
  try {
    // launchPersistentContext passes the directory as --user-data-dir.
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: FLAGS,
      viewport: { width: 1280, height: 800 },
    });
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  const opened: Page[] = [];
  return {
    newPage: async () => {
      const page = await context.newPage();
      opened.push(page);
      return wrap(page);
    },
    clearCookies: () => context.clearCookies(),
    close: async () => {
      await bounded(Promise.all(opened.map((page) => page.close())), CLOSE_BOUND_MS, () => undefined);
      // A persistent context owns its browser process: closing the context ends it.
      await bounded(context.close(), CLOSE_BOUND_MS, () => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Headless Chromium, driven by playwright-core. */
export const CHROMIUM: Engine = {
  name: 'chromium',
  label: 'Chromium',
  executablePath: CHROMIUM_PATH,
  installHint: 'install it with `sudo apt-get install chromium` (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium binary',
  blockedFetch: 'TypeError: Failed to fetch',
  launch: launchChromium,
};
