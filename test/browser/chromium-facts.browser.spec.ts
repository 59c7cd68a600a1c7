import { expect, it } from '@jest/globals';
import { pageFetch } from './support/browser-requests.js';
import { CHROMIUM } from './support/chromium.js';
import { describeEngineFacts, PUT } from './support/engine-facts.js';

/**
 * Facts about Chromium the library's design relies on: those both engines share (see
 * support/engine-facts.ts), and how Chromium's preflight cache starts. If a Chromium update
 * changes one, this file says which. firefox-facts is its counterpart.
 */
describeEngineFacts(CHROMIUM, (context) => {
  it("B14: a cached preflight is reused from the first one on, but fetch's cache: 'no-store' bypasses the preflight cache", async () => {
    const { page, facts } = context();
    for (let i = 0; i < 2; i++) {
      expect(await pageFetch(page, `${facts.url}/cached?mode=default`, { ...PUT, cache: 'default' })).toMatchObject({ outcome: 'allowed' });
      expect(await pageFetch(page, `${facts.url}/cached?mode=no-store`, { ...PUT, cache: 'no-store' })).toMatchObject({ outcome: 'allowed' });
    }
    expect([facts.to('/cached?mode=default', 'OPTIONS').length, facts.to('/cached?mode=no-store', 'OPTIONS').length]).toEqual([1, 2]);
  });
});
