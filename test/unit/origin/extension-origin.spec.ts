import { describe, expect, it } from '@jest/globals';
import { isExtensionOrigin } from '../../../lib/internal/origin/extension-origin.js';
import { parseOriginSetting } from '../../../lib/internal/origin/origin-setting.js';

const CHROME_ID = 'abcdefghijklmnopabcdefghijklmnop';
const UUID = '2ab33852-d69b-4ed6-99ad-a4839dfec7ed';

describe('isExtensionOrigin', () => {
  it.each([`chrome-extension://${CHROME_ID}`, `moz-extension://${UUID}`, `safari-web-extension://${UUID}`])('accepts %s', (value) => {
    expect(isExtensionOrigin(value)).toBe(true);
  });

  it.each([
    `chrome-extension://${CHROME_ID.slice(1)}`,
    `chrome-extension://${CHROME_ID}a`,
    `chrome-extension://${CHROME_ID.slice(1)}z`,
    `chrome-extension://${CHROME_ID}/`,
    `chrome-extension://${CHROME_ID}.evil`,
    `CHROME-EXTENSION://${CHROME_ID}`,
    `moz-extension://${CHROME_ID}`,
    `chrome-extension://${UUID}`,
    `moz-extension://${UUID.toUpperCase()}`,
    `moz-extension://${UUID}:1`,
    `https://${CHROME_ID}`,
    'null',
  ])('refuses %s', (value) => {
    expect(isExtensionOrigin(value)).toBe(false);
  });
});

describe('parseOriginSetting: extension origins', () => {
  it.each([`chrome-extension://${CHROME_ID}`, `moz-extension://${UUID}`, `safari-web-extension://${UUID}`])('%s is an exact origin', (value) => {
    expect(parseOriginSetting(value)).toEqual({ kind: 'exact', origin: value });
  });

  it.each<{ value: string; hint: string }>([
    { value: `chrome-extension://${CHROME_ID}/`, hint: `did you mean "chrome-extension://${CHROME_ID}"? (remove the trailing slash)` },
    { value: `chrome-extension://${CHROME_ID}/popup.html`, hint: `did you mean "chrome-extension://${CHROME_ID}"? (remove the path)` },
    { value: `Chrome-Extension://${CHROME_ID}`, hint: `did you mean "chrome-extension://${CHROME_ID}"? (use lowercase)` },
    { value: `chrome-extension://${CHROME_ID.toUpperCase()}`, hint: `did you mean "chrome-extension://${CHROME_ID}"? (use lowercase)` },
    { value: `chrome-extension://${CHROME_ID}:8080`, hint: `did you mean "chrome-extension://${CHROME_ID}"? (remove the port)` },
    { value: `chrome-extension://me@${CHROME_ID}`, hint: `did you mean "chrome-extension://${CHROME_ID}"? (remove the userinfo)` },
    { value: ` chrome-extension://${CHROME_ID}`, hint: `did you mean "chrome-extension://${CHROME_ID}"? (remove the whitespace)` },
    { value: `chrome-extension:${CHROME_ID}`, hint: `did you mean "chrome-extension://${CHROME_ID}"? (write "://" after the scheme)` },
    // runtime.getURL() in Safari shows the UUID in uppercase; the Origin header carries it lowercased.
    { value: `safari-web-extension://${UUID.toUpperCase()}/`, hint: `did you mean "safari-web-extension://${UUID}"? (remove the trailing slash, use lowercase)` },
    { value: `moz-extension://${UUID.toUpperCase()}`, hint: `did you mean "moz-extension://${UUID}"? (use lowercase)` },
    {
      value: 'chrome-extension://abcdefghijklmnop',
      hint: '"chrome-extension://abcdefghijklmnop" is not an extension origin: a chrome-extension origin is chrome-extension:// followed by the 32-letter extension id (letters a to p)',
    },
    {
      value: `chrome-extension://${CHROME_ID}.evil`,
      hint: `"chrome-extension://${CHROME_ID}.evil" is not an extension origin: a chrome-extension origin is chrome-extension:// followed by the 32-letter extension id (letters a to p)`,
    },
    {
      value: 'moz-extension://my-addon@example.com',
      hint: `"moz-extension://my-addon@example.com" is not an extension origin: a moz-extension origin is moz-extension:// followed by the extension's internal UUID (about:debugging), lowercase 8-4-4-4-12 hex`,
    },
  ])('$value is refused as non-canonical-origin', ({ value, hint }) => {
    expect(parseOriginSetting(value)).toEqual({ kind: 'invalid', code: 'non-canonical-origin', hint });
  });

  it.each(['chrome-extension://*', 'moz-extension://*', 'safari-web-extension://*', `chrome-extension://${CHROME_ID.slice(0, 31)}*`, 'Chrome-Extension://*'])(
    '%s is refused: extensions are allowed exactly, never by pattern',
    (value) => {
      const setting = parseOriginSetting(value);
      expect(setting).toMatchObject({ kind: 'invalid', code: 'unsupported-pattern' });
      if (setting.kind === 'invalid') expect(setting.hint).toMatch(/^extension origins are allowed exactly, never by pattern: /);
    },
  );
});
