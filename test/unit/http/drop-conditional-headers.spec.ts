import { describe, expect, it } from '@jest/globals';
import { dropConditionalHeaders } from '../../../lib/internal/http/drop-conditional-headers.js';

const CONDITIONS = {
  'if-none-match': '"a"',
  'if-modified-since': 'Wed, 01 Jan 2025 00:00:00 GMT',
  'if-match': '"b"',
  'if-unmodified-since': 'Wed, 01 Jan 2025 00:00:00 GMT',
  'if-range': '"c"',
  origin: 'https://other.example',
};
const KEPT = { 'if-match': '"b"', 'if-unmodified-since': 'Wed, 01 Jan 2025 00:00:00 GMT', 'if-range': '"c"', origin: 'https://other.example' };

describe('dropConditionalHeaders', () => {
  it('removes only If-None-Match and If-Modified-Since (Express: request.headers is the message headers)', () => {
    const request = { headers: { ...CONDITIONS } };
    dropConditionalHeaders(request);
    expect(request.headers).toEqual(KEPT);
  });

  it('Fastify: cleans request.raw.headers too when a hook replaced request.headers with a copy', () => {
    const request = { headers: { ...CONDITIONS }, raw: { headers: { ...CONDITIONS } } };
    dropConditionalHeaders(request);
    expect([request.headers, request.raw.headers]).toEqual([KEPT, KEPT]);
  });

  it('Fastify: request.headers and request.raw.headers one object (the usual case)', () => {
    const headers: Record<string, string> = { ...CONDITIONS };
    const request = { headers, raw: { headers } };
    dropConditionalHeaders(request);
    expect(request.raw.headers).toEqual(KEPT);
  });
});
