import { describe, expect, it } from '@jest/globals';
import { HandshakeRequest, ownOrigin } from '../../../lib/internal/websocket/own-origin.js';

const request = (headers: HandshakeRequest['headers'], encrypted = false): HandshakeRequest => ({ headers, socket: encrypted ? { encrypted: true } : {} });

describe('ownOrigin: the origin a browser on the server itself would send', () => {
  it.each<[string, HandshakeRequest, boolean, string | undefined]>([
    ['plain connection', request({ host: 'api.example.com' }), false, 'http://api.example.com'],
    ['TLS connection', request({ host: 'api.example.com' }, true), false, 'https://api.example.com'],
    ['a port', request({ host: '127.0.0.1:3000' }), false, 'http://127.0.0.1:3000'],
    ['the default port of http is dropped', request({ host: 'api.example.com:80' }), false, 'http://api.example.com'],
    ['the default port of https is dropped', request({ host: 'api.example.com:443' }, true), false, 'https://api.example.com'],
    ['443 on a plain connection is kept', request({ host: 'api.example.com:443' }), false, 'http://api.example.com:443'],
    ['uppercase is lowered', request({ host: 'API.Example.com' }), false, 'http://api.example.com'],
    ['IPv6', request({ host: '[::1]:8080' }), false, 'http://[::1]:8080'],
    ['a port that only ends in 80 is kept', request({ host: 'api.example.com:8080' }), false, 'http://api.example.com:8080'],
    ['no Host', request({}), false, undefined],
    ['an empty Host', request({ host: '' }), false, undefined],
    ['a Host with a path', request({ host: 'api.example.com/x' }), false, undefined],
    ['a Host with userinfo', request({ host: 'u@api.example.com' }), false, undefined],
    ['a Host with a space', request({ host: 'api.example.com x' }), false, undefined],
    ['a Host list', request({ host: 'a.example, b.example' }), false, undefined],
    ['a Host of 301 characters', request({ host: `${'a'.repeat(297)}.com` }), false, undefined],
    ['forwarded headers are ignored unless trusted', request({ host: 'internal:3000', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'api.example.com' }), false, 'http://internal:3000'],
    ['trusted forwarded headers', request({ host: 'internal:3000', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'api.example.com' }), true, 'https://api.example.com'],
    ['trusted: the first value of each', request({ host: 'internal', 'x-forwarded-proto': 'https, http', 'x-forwarded-host': 'api.example.com, evil.example' }), true, 'https://api.example.com'],
    ['trusted: repeated lines, the first', request({ host: 'internal', 'x-forwarded-host': ['api.example.com', 'evil.example'] }), true, 'http://api.example.com'],
    ['trusted: only the scheme forwarded', request({ host: 'api.example.com', 'x-forwarded-proto': 'HTTPS' }), true, 'https://api.example.com'],
    ['trusted: a scheme that is not http(s)', request({ host: 'api.example.com', 'x-forwarded-proto': 'ws' }), true, undefined],
    ['trusted: a forwarded host with a path', request({ host: 'internal', 'x-forwarded-host': 'api.example.com/x' }), true, undefined],
  ])('%s', (_name, req, trust, expected) => {
    expect(ownOrigin(req, trust)).toBe(expected);
  });
});
