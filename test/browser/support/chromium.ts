import { describe, it } from '@jest/globals';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, chromium } from 'playwright-core';
import { withDeadline } from '../../../sample/shutdown/close-server.js';

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

/** A running Chromium with its own throw-away profile. */
export interface Browser {
  readonly context: BrowserContext;
  /** Closes the browser and deletes its profile directory. */
  close(): Promise<void>;
}

/** Launches headless Chromium with a fresh `--user-data-dir` (a new temporary directory per launch). */
export async function launchChromium(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'nestjs-cors-chromium-'));
  try {
    // launchPersistentContext passes the directory as --user-data-dir.
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: FLAGS,
      viewport: { width: 1280, height: 800 },
    });
    return {
      context,
      close: async () => {
        try {
          // Closing Chromium takes about 1 s (up to 2 s measured on 2 busy cores).
          await withDeadline('closing Chromium', context.close(), 15_000);
        } finally {
          rmSync(profile, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}

const INSTALL_HINT =
  `Chromium not found at ${CHROMIUM_PATH}: the browser tests are skipped. ` +
  'Install it with `sudo apt-get install chromium` (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium binary.';

/**
 * `describe` for a browser suite. Without Chromium it skips the suite and says how to install
 * it; under `CI=true` a missing browser is a failing test instead, so CI can never pass
 * without having run the browser.
 */
export function describeWithBrowser(name: string, body: () => void): void {
  if (existsSync(CHROMIUM_PATH)) {
    describe(name, body);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs Chromium under CI=true', () => {
        throw new Error(INSTALL_HINT.replace('the browser tests are skipped', 'CI=true requires the browser tests to run'));
      });
    });
    return;
  }
  // Straight to stderr: Jest does not print console output of a file whose tests all skip.
  process.stderr.write(`\n${INSTALL_HINT}\n`);
  describe.skip(name, body);
}
