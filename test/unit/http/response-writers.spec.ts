import { describe, expect, it } from '@jest/globals';
import { expressWriter } from '../../../lib/internal/platform/express-platform.js';
import { fastifyWriter } from '../../../lib/internal/platform/fastify-platform.js';

/** A Node ServerResponse as far as the Express writer uses it. */
class NodeResponse {
  readonly headers = new Map<string, string>();
  head: { status: number; headers: Record<string, string> } | undefined;
  ended = false;
  getHeader(name: string) { return this.headers.get(name.toLowerCase()); }
  setHeader(name: string, value: string) { this.headers.set(name.toLowerCase(), value); }
  removeHeader(name: string) { this.headers.delete(name.toLowerCase()); }
  writeHead(status: number, headers: Record<string, string>) { this.head = { status, headers }; }
  end() { this.ended = true; }
}

/** A Fastify reply as far as the Fastify writer uses it: names as given, a raw copy. */
class Reply {
  readonly headers = new Map<string, string>();
  readonly raw = { headersSent: false, removed: [] as string[], removeHeader(name: string) { this.removed.push(name); } };
  status = 200;
  sent = false;
  getHeader(name: string) { return this.headers.get(name); }
  header(name: string, value: string) { this.headers.set(name, value); return this; }
  hasHeader(name: string) { return this.headers.has(name); }
  removeHeader(name: string) { this.headers.delete(name); return this; }
  code(status: number) { this.status = status; return this; }
  send() { this.sent = true; }
}

describe('expressWriter', () => {
  it.each<[number, Record<string, string>]>([
    [204, { Vary: 'Origin' }],
    [200, { Vary: 'Origin', 'Content-Length': '0' }],
    [403, { Vary: 'Origin', 'Content-Length': '0' }],
  ])('ends a preflight with %i and states the empty body except on 204 (RFC 9110 8.6)', (status, headers) => {
    const response = new NodeResponse();
    expressWriter.sendEmpty(response, status, { Vary: 'Origin' });
    expect(response.head).toEqual({ status, headers });
    expect(response.ended).toBe(true);
  });
});

describe('fastifyWriter', () => {
  it('writes the names it knows in lowercase (no per-call lowercasing in Fastify)', () => {
    const reply = new Reply();
    fastifyWriter.setHeader(reply, 'Access-Control-Allow-Origin', 'https://a.example');
    fastifyWriter.setHeader(reply, 'Vary', 'Origin');
    fastifyWriter.setHeader(reply, 'X-Other', '1');
    expect([...reply.headers.keys()]).toEqual(['access-control-allow-origin', 'vary', 'X-Other']);
  });

  it('removes from the reply and the raw response only when present, and not after headers were sent', () => {
    const reply = new Reply();
    fastifyWriter.removeHeader(reply, 'Access-Control-Allow-Origin');
    expect(reply.raw.removed).toEqual([]);
    reply.header('access-control-allow-origin', '*');
    fastifyWriter.removeHeader(reply, 'Access-Control-Allow-Origin');
    expect(reply.headers.has('access-control-allow-origin')).toBe(false);
    expect(reply.raw.removed).toEqual(['access-control-allow-origin']);
  });

  it('ends a preflight through the reply', () => {
    const reply = new Reply();
    fastifyWriter.sendEmpty(reply, 204, { 'Access-Control-Allow-Origin': 'https://a.example', Vary: 'Origin' });
    expect(reply.status).toBe(204);
    expect(reply.sent).toBe(true);
    expect(Object.fromEntries(reply.headers)).toEqual({ 'access-control-allow-origin': 'https://a.example', vary: 'Origin' });
  });
});
