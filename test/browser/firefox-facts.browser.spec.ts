import { expect, it } from '@jest/globals';
import { pageFetch } from './support/browser-requests.js';
import { describeEngineFacts, PUT } from './support/engine-facts.js';
import { FIREFOX } from './support/firefox.js';

/**
 * Facts about Firefox (stock ESR, driven over WebDriver BiDi) the library's design relies on,
 * the counterpart of chromium-facts: those both engines share (see support/engine-facts.ts:
 * `Access-Control-Allow-Headers: *` and `Authorization`, method case, redirects, `Vary` in the
 * HTTP cache, credentials mode in the preflight cache, 304 revalidation), and where Firefox
 * differs from Chromium.
 */
describeEngineFacts(FIREFOX, (context) => {
  it("B14: a fresh profile stores none of its first two preflights (Chromium stores the first); then a cached preflight is reused, and cache: 'no-store' bypasses it", async () => {
    const { page, facts } = context();
    const cached = (query: string) => pageFetch(page, `${facts.url}/cached?${query}`, { ...PUT, cache: 'default' });
    for (let i = 0; i < 2; i++) expect(await cached('fresh-profile')).toMatchObject({ outcome: 'allowed' });
    expect(facts.to('/cached?fresh-profile').map((r) => r.method)).toEqual(['OPTIONS', 'PUT', 'OPTIONS', 'PUT']);
    // How many more go unstored varied between runs (none to two more): repeat until one is reused (bounded).
    for (let i = 0; i < 10 && facts.to('/cached?fresh-profile', 'PUT').length <= facts.to('/cached?fresh-profile', 'OPTIONS').length; i++) {
      await cached('fresh-profile');
    }
    expect(facts.to('/cached?fresh-profile', 'PUT').length).toBeGreaterThan(facts.to('/cached?fresh-profile', 'OPTIONS').length);
    for (let i = 0; i < 2; i++) {
      expect(await cached('mode=default')).toMatchObject({ outcome: 'allowed' });
      expect(await pageFetch(page, `${facts.url}/cached?mode=no-store`, { ...PUT, cache: 'no-store' })).toMatchObject({ outcome: 'allowed' });
    }
    expect([facts.to('/cached?mode=default', 'OPTIONS').length, facts.to('/cached?mode=no-store', 'OPTIONS').length]).toEqual([1, 2]);
  });
});
