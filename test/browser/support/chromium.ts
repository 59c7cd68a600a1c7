import { BrowserContext, chromium, Page } from 'playwright-core';
import { Engine, evaluatorOf, launchWithProfile, TestBrowser, TestPage, testPage } from './engine.js';

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
  // Subdomain scenarios: every *.app.test name (and the apex, and a look-alike) is this machine;
  // so is the apex written with a trailing dot (a rule for `app.test` does not cover `app.test.`).
  '--host-resolver-rules=MAP *.app.test 127.0.0.1, MAP app.test 127.0.0.1, MAP app.test. 127.0.0.1, MAP evilapp.test 127.0.0.1',
];

function wrap(page: Page): TestPage {
  // Playwright reports the engine's own messages (CDP's Log.entryAdded: CORS, network) as console messages too.
  const console: string[] = [];
  page.on('console', (message) => console.push(message.text()));
  page.on('pageerror', (error) => console.push(error.message));
  return testPage(page, {
    console,
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
  });
}

/**
 * Launches headless Chromium (Playwright over CDP) with a fresh `--user-data-dir`.
 * `extensionDir` loads that unpacked extension (and no other); `onContext` sees the browser
 * context before the first page opens (to find the extension's service worker).
 */
export function launchChromium(options: { extensionDir?: string; onContext?: (context: BrowserContext) => Promise<void> } = {}): Promise<TestBrowser> {
  const extension = options.extensionDir;
  return launchWithProfile('chromium', async (profile) => {
    // launchPersistentContext passes the directory as --user-data-dir.
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: extension === undefined ? FLAGS : [...FLAGS, `--disable-extensions-except=${extension}`, `--load-extension=${extension}`],
      // Playwright passes --disable-extensions unless told not to.
      ...(extension === undefined ? {} : { ignoreDefaultArgs: ['--disable-extensions'] }),
      viewport: { width: 1280, height: 800 },
    });
    try {
      await options.onContext?.(context);
    } catch (error) {
      await context.close();
      throw error;
    }
    return {
      newPage: () => context.newPage(),
      wrap,
      clearCookies: () => context.clearCookies(),
      // A persistent context owns its browser process: closing the context ends it.
      close: () => context.close(),
      // Playwright gives no handle on a persistent context's process; it ends with the test worker.
      kill: () => undefined,
    };
  });
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
