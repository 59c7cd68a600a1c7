import { describe, expect, it } from '@jest/globals';
import { OriginPattern } from '../../../lib/internal/origin/origin-pattern.js';
import { parseOriginSetting, suggestCanonicalOrigin } from '../../../lib/internal/origin/origin-setting.js';

describe('parseOriginSetting: exact origins', () => {
  it.each([
    'https://example.com',
    'http://localhost:3000',
    'http://[::1]:8080',
    'https://xn--bcher-kva.example',
    'https://app.example.com:8443',
    // A trailing dot is kept by the URL Standard and sent by Chromium: its own origin, matched exactly.
    'https://example.com.',
    'http://example.com.:3999',
    'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
    'moz-extension://2ab33852-d69b-4ed6-99ad-a4839dfec7ed',
    'safari-web-extension://2ab33852-d69b-4ed6-99ad-a4839dfec7ed',
  ])('%s', (value) => {
    expect(parseOriginSetting(value)).toEqual({ kind: 'exact', origin: value });
  });
});

describe('parseOriginSetting: patterns', () => {
  it.each<{ value: string; pattern: OriginPattern }>([
    {
      value: 'https://*.example.com',
      pattern: { source: 'https://*.example.com', scheme: 'https', host: 'example.com', anySubdomain: true, port: '' },
    },
    {
      value: 'https://*.example.com:8443',
      pattern: { source: 'https://*.example.com:8443', scheme: 'https', host: 'example.com', anySubdomain: true, port: '8443' },
    },
    {
      value: 'https://*.example.com:*',
      pattern: { source: 'https://*.example.com:*', scheme: 'https', host: 'example.com', anySubdomain: true, port: '*' },
    },
    {
      value: 'http://localhost:*',
      pattern: { source: 'http://localhost:*', scheme: 'http', host: 'localhost', anySubdomain: false, port: '*' },
    },
    {
      value: 'http://127.0.0.1:*',
      pattern: { source: 'http://127.0.0.1:*', scheme: 'http', host: '127.0.0.1', anySubdomain: false, port: '*' },
    },
    {
      value: 'http://[::1]:*',
      pattern: { source: 'http://[::1]:*', scheme: 'http', host: '[::1]', anySubdomain: false, port: '*' },
    },
    {
      value: 'https://*.xn--bcher-kva.example',
      pattern: { source: 'https://*.xn--bcher-kva.example', scheme: 'https', host: 'xn--bcher-kva.example', anySubdomain: true, port: '' },
    },
    {
      value: 'http://*.localhost',
      pattern: { source: 'http://*.localhost', scheme: 'http', host: 'localhost', anySubdomain: true, port: '' },
    },
  ])('$value', ({ value, pattern }) => {
    expect(parseOriginSetting(value)).toEqual({ kind: 'pattern', pattern });
  });
});

describe('parseOriginSetting: invalid settings', () => {
  it.each<{ value: string; code: string; hintContains: string[] }>([
    { value: 'null', code: 'null-origin', hintContains: ['sandboxed iframes', 'remove it'] },
    { value: 'https://example.com/', code: 'non-canonical-origin', hintContains: ['"https://example.com"', 'remove the trailing slash'] },
    { value: 'https://Example.com', code: 'non-canonical-origin', hintContains: ['"https://example.com"', 'use lowercase'] },
    { value: 'example.com', code: 'non-canonical-origin', hintContains: ['"https://example.com"'] },
    { value: '', code: 'non-canonical-origin', hintContains: ['an origin needs a scheme'] },
    { value: 'https://*', code: 'unsupported-pattern', hintContains: ['would allow every site'] },
    { value: 'https://*.', code: 'unsupported-pattern', hintContains: ['would allow every site'] },
    { value: 'https://*:*', code: 'unsupported-pattern', hintContains: ['would allow every site'] },
    { value: '*.example.com', code: 'unsupported-pattern', hintContains: ['a pattern needs a scheme', '"https://*.example.com"'] },
    { value: '//*.example.com', code: 'unsupported-pattern', hintContains: ['"https://*.example.com"'] },
    { value: 'https://a*.example.com', code: 'unsupported-pattern', hintContains: ['only a leading "*."'] },
    { value: 'https://*example.com', code: 'unsupported-pattern', hintContains: ['only a leading "*."'] },
    { value: 'https://*.*.example.com', code: 'unsupported-pattern', hintContains: ['only a leading "*."'] },
    { value: 'https://app.*.example.com', code: 'unsupported-pattern', hintContains: ['only a leading "*."'] },
    { value: 'https://*.example.com/path', code: 'unsupported-pattern', hintContains: ['only a leading "*."'] },
    { value: 'https://*.example.com/', code: 'unsupported-pattern', hintContains: ['only a leading "*."'] },
    { value: 'https://*.example.com:443', code: 'unsupported-pattern', hintContains: ['remove the default port: "https://*.example.com"'] },
    { value: 'http://*.example.com:80', code: 'unsupported-pattern', hintContains: ['remove the default port: "http://*.example.com"'] },
    { value: 'https://*.example.com:99999', code: 'unsupported-pattern', hintContains: ['"99999" is not a port'] },
    { value: 'https://*.example.com:0443', code: 'unsupported-pattern', hintContains: ['"0443" is not a port'] },
    { value: 'http://localhost:*/', code: 'unsupported-pattern', hintContains: ['"*/" is not a port'] },
    { value: 'https://*.[::1]', code: 'unsupported-pattern', hintContains: [] },
    { value: 'https://*.[::1]:8443', code: 'unsupported-pattern', hintContains: ['is not a valid pattern'] },
    { value: 'https://*.example.com@evil.com', code: 'unsupported-pattern', hintContains: ['is not a valid pattern'] },
    { value: 'https://*.Example.com', code: 'unsupported-pattern', hintContains: ['is not a valid pattern', 'use lowercase'] },
    { value: '*://example.com', code: 'unsupported-pattern', hintContains: ['is not a valid pattern'] },
    { value: 'https://*.example.com.', code: 'unsupported-pattern', hintContains: ['cannot end with a dot', '"https://*.example.com"'] },
    { value: 'http://localhost.:*', code: 'unsupported-pattern', hintContains: ['cannot end with a dot', '"http://localhost:*"'] },
    { value: 'https://*.example..com', code: 'unsupported-pattern', hintContains: ['an empty label'] },
    { value: 'https://*.foo:0', code: 'unsupported-pattern', hintContains: ['"0" is not a port'] },
    // A trailing ':' with no port is as malformed as it is on an exact origin ('https://example.com:').
    { value: 'https://*.example.com:', code: 'unsupported-pattern', hintContains: [] },
  ])('$value -> $code', ({ value, code, hintContains }) => {
    const setting = parseOriginSetting(value);
    expect(setting.kind).toBe('invalid');
    if (setting.kind !== 'invalid') return;
    expect(setting.code).toBe(code);
    for (const fragment of hintContains) expect(setting.hint).toContain(fragment);
  });
});

describe('parseOriginSetting: hints for invalid patterns suggest a pattern, not the internal probe origin', () => {
  it.each<{ value: string; suggestion: string }>([
    { value: 'https://*.Example.com', suggestion: '"https://*.example.com"' },
    { value: 'HTTPS://*.example.com', suggestion: '"https://*.example.com"' },
    { value: 'http://Localhost:*', suggestion: '"http://localhost:*"' },
    { value: 'https://*.bücher.example', suggestion: '"https://*.xn--bcher-kva.example"' },
  ])('$value -> $suggestion', ({ value, suggestion }) => {
    const setting = parseOriginSetting(value);
    expect(setting).toMatchObject({ kind: 'invalid', code: 'unsupported-pattern' });
    if (setting.kind !== 'invalid') return;
    expect(setting.hint).toContain(suggestion);
    expect(setting.hint).not.toMatch(/x\.example\.com|x\.xn--|localhost:1"/);
  });
});

describe('suggestCanonicalOrigin', () => {
  const didYouMean = (canonical: string, reasons: string[]) =>
    `did you mean "${canonical}"?${reasons.length > 0 ? ` (${reasons.join(', ')})` : ''}`;

  it.each<{ value: string; canonical: string; reasons: string[] }>([
    { value: 'https://example.com/', canonical: 'https://example.com', reasons: ['remove the trailing slash'] },
    { value: 'https://example.com:8443/', canonical: 'https://example.com:8443', reasons: ['remove the trailing slash'] },
    { value: 'https://Example.com', canonical: 'https://example.com', reasons: ['use lowercase'] },
    { value: 'HTTPS://example.com', canonical: 'https://example.com', reasons: ['use lowercase'] },
    { value: 'https://example.com:443', canonical: 'https://example.com', reasons: ['remove the default port :443'] },
    { value: 'http://example.com:80', canonical: 'http://example.com', reasons: ['remove the default port :80'] },
    { value: 'http://[::1]:80', canonical: 'http://[::1]', reasons: ['remove the default port :80'] },
    { value: 'https://user:pass@example.com', canonical: 'https://example.com', reasons: ['remove the userinfo'] },
    { value: 'https://user@example.com:8443', canonical: 'https://example.com:8443', reasons: ['remove the userinfo'] },
    { value: 'https://example.com/path', canonical: 'https://example.com', reasons: ['remove the path'] },
    { value: 'https://example.com/path/', canonical: 'https://example.com', reasons: ['remove the path'] },
    { value: 'https://example.com?x=1', canonical: 'https://example.com', reasons: ['remove the path'] },
    { value: 'https://example.com#top', canonical: 'https://example.com', reasons: ['remove the path'] },
    { value: 'https://bücher.example', canonical: 'https://xn--bcher-kva.example', reasons: ['use the punycode form of the host'] },
    { value: 'https://Example.com.:8443', canonical: 'https://example.com.:8443', reasons: ['use lowercase'] },
    { value: 'http://example.com.:80', canonical: 'http://example.com.', reasons: ['remove the default port :80'] },
    { value: ' https://example.com', canonical: 'https://example.com', reasons: ['remove the whitespace'] },
    { value: 'https://example.com\t', canonical: 'https://example.com', reasons: ['remove the whitespace'] },
    {
      value: 'https://Example.com:443/',
      canonical: 'https://example.com',
      reasons: ['remove the trailing slash', 'use lowercase', 'remove the default port :443'],
    },
    {
      value: 'https://user@Bücher.example/path',
      canonical: 'https://xn--bcher-kva.example',
      reasons: ['remove the userinfo', 'remove the path', 'use lowercase', 'use the punycode form of the host'],
    },
  ])('$value', ({ value, canonical, reasons }) => {
    expect(suggestCanonicalOrigin(value)).toBe(didYouMean(canonical, reasons));
  });

  it.each<{ value: string; suggestion: string }>([
    { value: 'example.com', suggestion: 'https://example.com' },
    { value: 'example.com/', suggestion: 'https://example.com' },
    { value: '//example.com', suggestion: 'https://example.com' },
    { value: 'app.example.com:8443', suggestion: 'https://app.example.com:8443' },
    { value: 'localhost:3000', suggestion: 'http://localhost:3000' },
    { value: '127.0.0.1:8080', suggestion: 'http://127.0.0.1:8080' },
    { value: '[::1]:3000', suggestion: 'http://[::1]:3000' },
  ])('missing scheme: $value -> $suggestion', ({ value, suggestion }) => {
    expect(suggestCanonicalOrigin(value)).toBe(`an origin needs a scheme: did you mean "${suggestion}"?`);
  });

  it.each<{ value: string; hint: string }>([
    { value: 'file:///tmp/index.html', hint: '"file:" URLs have no origin a browser would send' },
    { value: 'data://text', hint: '"data:" URLs have no origin a browser would send' },
    { value: 'https://exa mple.com', hint: '"https://exa mple.com" is not a URL origin (scheme://host[:port])' },
    { value: 'https://', hint: '"https://" is not a URL origin (scheme://host[:port])' },
    // The URL parser keeps these as written, so the serialization is the value itself: say why instead.
    { value: 'https://foo:0', hint: "port 0 is never a page's port (no page is served from it): write the port the page is served from" },
    { value: 'http://127.0.0.1:0', hint: "port 0 is never a page's port (no page is served from it): write the port the page is served from" },
    { value: 'https://foo:00', hint: "port 0 is never a page's port (no page is served from it): write the port the page is served from" },
    { value: 'http://example..com:3999', hint: '"http://example..com:3999" is not an origin a browser sends: an empty label ("..", or a leading dot) is not a host name' },
    { value: 'http://.example.com', hint: '"http://.example.com" is not an origin a browser sends: an empty label ("..", or a leading dot) is not a host name' },
    { value: 'http://example.com..', hint: '"http://example.com.." is not an origin a browser sends: an empty label ("..", or a leading dot) is not a host name' },
    { value: `https://${'a'.repeat(64)}.com`, hint: `"https://${'a'.repeat(64)}.com" is not an origin a browser sends: a label longer than 63 characters is not a host name` },
    { value: 'http://a!b.com', hint: '"http://a!b.com" is not an origin a browser sends: a host name has only letters, digits, "-", "_" and "."' },
    { value: 'http://A!b.com', hint: '"http://A!b.com" is not an origin a browser sends: a host name has only letters, digits, "-", "_" and "."' },
  ])('not an origin: $value', ({ value, hint }) => {
    expect(suggestCanonicalOrigin(value)).toBe(hint);
  });
});
