import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { Browser, Frame, Page } from 'puppeteer-core';
import { bounded, CLOSE_BOUND_MS, Engine, Evaluator, TestBrowser, TestPage } from './engine.js';

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
      await page.waitForFunction(fn as never, { timeout: 30_000 }, arg);
    },
    frame: async (name) => {
      const element = await page.waitForSelector(`iframe[name="${name}"]`);
      const frame = await element?.contentFrame();
      if (frame === undefined || frame === null) throw new Error(`the iframe "${name}" has no frame`);
      await frame.waitForFunction('document.readyState === "complete"');
      return evaluatorOf(frame);
    },
    screenshot: () => page.screenshot({ fullPage: true }),
    close: () => page.close(),
  };
}

/** Launches headless Firefox (puppeteer-core over WebDriver BiDi) with a fresh profile directory. */
export async function launchFirefox(): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'nestjs-cors-firefox-'));
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      protocol: 'webDriverBiDi',
      executablePath: FIREFOX_PATH,
      headless: true,
      userDataDir: profile,
      extraPrefsFirefox: PREFS,
      // Starting Firefox on 2 busy cores took up to 16 s when measured.
      timeout: 60_000,
    });
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  const opened: Page[] = [];
  return {
    newPage: async () => {
      const page = await browser.newPage();
      opened.push(page);
      return wrap(page);
    },
    clearCookies: async () => {
      const cookies = await browser.cookies();
      if (cookies.length > 0) await browser.deleteCookie(...cookies);
    },
    close: async () => {
      await bounded(Promise.all(opened.map((page) => page.close())), CLOSE_BOUND_MS, () => undefined);
      await bounded(browser.close(), CLOSE_BOUND_MS, () => browser.process()?.kill('SIGKILL'));
      rmSync(profile, { recursive: true, force: true });
    },
  };
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
