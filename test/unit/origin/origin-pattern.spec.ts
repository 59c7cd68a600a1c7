import { describe, expect, it } from '@jest/globals';
import { OriginPattern, matchesPattern } from '../../../lib/internal/origin/origin-pattern.js';
import { parts, pattern } from '../support/origins.js';

describe('matchesPattern', () => {
  it.each<{ pattern: string; origin: string; matches: boolean }>([
    // Subdomain pattern: one or more labels in front of the suffix.
    { pattern: 'https://*.example.com', origin: 'https://a.example.com', matches: true },
    { pattern: 'https://*.example.com', origin: 'https://app.example.com', matches: true },
    { pattern: 'https://*.example.com', origin: 'https://a.b.example.com', matches: true },
    { pattern: 'https://*.example.com', origin: 'https://x.y.z.example.com', matches: true },
    { pattern: 'https://*.example.com', origin: 'https://a-b_c.example.com', matches: true },
    // Near misses.
    { pattern: 'https://*.example.com', origin: 'https://example.com', matches: false },
    { pattern: 'https://*.example.com', origin: 'https://evilexample.com', matches: false },
    { pattern: 'https://*.example.com', origin: 'https://a.evilexample.com', matches: false },
    { pattern: 'https://*.example.com', origin: 'https://evil-example.com', matches: false },
    { pattern: 'https://*.example.com', origin: 'https://example.com.evil.com', matches: false },
    { pattern: 'https://*.example.com', origin: 'https://a.example.com.evil.com', matches: false },
    { pattern: 'https://*.example.com', origin: 'https://a.example.co', matches: false },
    { pattern: 'https://*.example.com', origin: 'https://a.example.comx', matches: false },
    { pattern: 'https://*.example.com', origin: 'https://xexample.com', matches: false },
    { pattern: 'https://*.example.com', origin: 'http://a.example.com', matches: false },
    { pattern: 'https://*.example.com', origin: 'wss://a.example.com', matches: false },
    { pattern: 'https://*.example.com', origin: 'https://a.example.com:8443', matches: false },
    { pattern: 'https://*.example.com', origin: 'https://a.example.com:80', matches: false },
    // Subdomain pattern with a port.
    { pattern: 'https://*.example.com:8443', origin: 'https://a.example.com:8443', matches: true },
    { pattern: 'https://*.example.com:8443', origin: 'https://a.b.example.com:8443', matches: true },
    { pattern: 'https://*.example.com:8443', origin: 'https://a.example.com', matches: false },
    { pattern: 'https://*.example.com:8443', origin: 'https://a.example.com:8444', matches: false },
    { pattern: 'https://*.example.com:8443', origin: 'https://example.com:8443', matches: false },
    // Subdomain pattern with any port.
    { pattern: 'https://*.example.com:*', origin: 'https://a.example.com', matches: true },
    { pattern: 'https://*.example.com:*', origin: 'https://a.example.com:1', matches: true },
    { pattern: 'https://*.example.com:*', origin: 'https://example.com:8443', matches: false },
    { pattern: 'https://*.example.com:*', origin: 'http://a.example.com:8443', matches: false },
    // Port pattern: any port or none, same host only.
    { pattern: 'http://localhost:*', origin: 'http://localhost', matches: true },
    { pattern: 'http://localhost:*', origin: 'http://localhost:3000', matches: true },
    { pattern: 'http://localhost:*', origin: 'http://localhost:65535', matches: true },
    { pattern: 'http://localhost:*', origin: 'https://localhost:3000', matches: false },
    { pattern: 'http://localhost:*', origin: 'http://a.localhost:3000', matches: false },
    { pattern: 'http://localhost:*', origin: 'http://localhost.evil.com:3000', matches: false },
    { pattern: 'http://localhost:*', origin: 'http://evillocalhost:3000', matches: false },
    { pattern: 'http://localhost:*', origin: 'http://127.0.0.1:3000', matches: false },
    { pattern: 'http://[::1]:*', origin: 'http://[::1]:3000', matches: true },
    { pattern: 'http://[::1]:*', origin: 'http://[::2]:3000', matches: false },
  ])('$pattern vs $origin -> $matches', ({ pattern: source, origin, matches }) => {
    expect(matchesPattern(pattern(source), parts(origin))).toBe(matches);
  });

  it.each<{ name: string; pattern: OriginPattern; origin: string; matches: boolean }>([
    {
      name: 'exact host, exact port',
      pattern: { source: 'https://api.example.com:8443', scheme: 'https', host: 'api.example.com', anySubdomain: false, port: '8443' },
      origin: 'https://api.example.com:8443',
      matches: true,
    },
    {
      name: 'exact host does not match a subdomain',
      pattern: { source: 'https://example.com:*', scheme: 'https', host: 'example.com', anySubdomain: false, port: '*' },
      origin: 'https://a.example.com:8443',
      matches: false,
    },
    {
      name: 'empty port only matches the default port',
      pattern: { source: 'https://*.example.com', scheme: 'https', host: 'example.com', anySubdomain: true, port: '' },
      origin: 'https://a.example.com:444',
      matches: false,
    },
  ])('hand-built pattern: $name', ({ pattern: p, origin, matches }) => {
    expect(matchesPattern(p, parts(origin))).toBe(matches);
  });
});
