import puppeteer, { Page } from 'puppeteer-core';
import { Engine, evaluatorOf, launchWithProfile, TestBrowser, TestPage, testPage } from './engine.js';

/** Debian's `firefox-esr` package, stock (no patched build); `FIREFOX_PATH` points elsewhere. */
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** Every host name a scenario page uses, resolved to loopback (Firefox has no wildcard mapping). */
const TEST_HOSTS = ['app.test', 'shop.app.test', 'eu.shop.app.test', 'evilapp.test'];

/** Preferences of the fresh profile. */
const PREFS: Record<string, unknown> = {
  'network.dns.localDomains': TEST_HOSTS.join(','),
  // Stock Firefox behaviour (third-party cookies partitioned): the driver's default profile accepts all cookies.
  'network.cookie.cookieBehavior': 5,
};

function wrap(page: Page): TestPage {
  // Over WebDriver BiDi, Firefox reports its own error messages (CORS, network) as log entries of
  // type "javascript", which Puppeteer emits as page errors; console API calls as console messages.
  const console: string[] = [];
  page.on('console', (message) => console.push(message.text()));
  page.on('pageerror', (error) => console.push((error as Error).message));
  return testPage(page, {
    console,
    waitFor: async (fn, arg) => {
      await page.waitForFunction(fn as never, { timeout: 30_000 }, arg);
    },
    frame: async (name) => {
      const element = await page.waitForSelector(`iframe[name="${name}"]`);
      const frame = await element?.contentFrame();
      if (frame === undefined || frame === null) throw new Error(`the iframe "${name}" has no frame`);
      await frame.waitForFunction('document.readyState === "complete"');
      return evaluatorOf(frame);
    },
  });
}

/** Launches headless Firefox (puppeteer-core over WebDriver BiDi) with a fresh profile directory. */
export function launchFirefox(): Promise<TestBrowser> {
  return launchWithProfile('firefox', async (profile) => {
    const browser = await puppeteer.launch({
      browser: 'firefox',
      protocol: 'webDriverBiDi',
      executablePath: FIREFOX_PATH,
      headless: true,
      userDataDir: profile,
      extraPrefsFirefox: PREFS,
      // Measured: 16 to 19 s to start on 2 cores shared with other test runs.
      timeout: 60_000,
    });
    // Every site a tab has shown: third-party cookies live in the partition of one of them.
    const topLevelSites = new Set<string>();
    return {
      newPage: async () => {
        const page = await browser.newPage();
        page.on('framenavigated', (frame) => {
          if (frame.parentFrame() === null && /^https?:/.test(frame.url())) topLevelSites.add(new URL(frame.url()).origin);
        });
        return page;
      },
      wrap,
      clearCookies: async () => {
        const cookies = await browser.cookies();
        if (cookies.length === 0) return;
        await browser.deleteCookie(...cookies);
        // A cookie set in a request a page sent to another site (third-party: stock Firefox
        // partitions them, as `Partitioned` does) is listed above but lives in the partition of
        // the page's site, where a plain delete does not reach: delete it there too.
        for (const partitionKey of topLevelSites) await browser.deleteCookie(...cookies.map((cookie) => ({ ...cookie, partitionKey })));
      },
      close: () => browser.close(),
      kill: () => browser.process()?.kill('SIGKILL'),
    };
  });
}

/** Headless Firefox ESR, driven by puppeteer-core over WebDriver BiDi. */
export const FIREFOX: Engine = {
  name: 'firefox',
  label: 'Firefox',
  executablePath: FIREFOX_PATH,
  installHint: 'install it with `sudo apt-get install firefox-esr` (Debian/Ubuntu), or set FIREFOX_PATH to a Firefox binary',
  blockedFetch: 'TypeError: NetworkError when attempting to fetch resource.',
  launch: launchFirefox,
};
