import { describe, expect, it } from '@jest/globals';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { inspect } from 'node:util';
import { prepareSealOn, sealResponse } from '../../../lib/internal/http/response-seal.js';

/** A real Node response on a socket that goes nowhere: what `writeHead` finally writes is read back with `getHeaders()`. */
function response(): ServerResponse {
  const res = new ServerResponse(new IncomingMessage(new Socket()));
  res.assignSocket(new Socket());
  return res;
}

/** Express's way: one prototype per app (`app.response`) under every response, prepared once. */
const appResponse = Object.create(ServerResponse.prototype) as { writeHead?: unknown };
prepareSealOn(appResponse);
function appResponseOf(): ServerResponse {
  return Object.setPrototypeOf(response(), appResponse) as ServerResponse;
}

/** A `writeHead` of a response's own that calls Node's directly, past anything sealed on the way. */
const straightToNode = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
  return ServerResponse.prototype.writeHead.apply(this, args);
} as ServerResponse['writeHead'];

const ACAO = 'access-control-allow-origin';
const ACAC = 'access-control-allow-credentials';
const ACEH = 'access-control-expose-headers';

describe.each([
  ['its own writeHead', response],
  ['a prototype prepared with prepareSealOn (Express)', appResponseOf],
])('sealResponse on a response with %s: the verdict on what writeHead finally writes', (_kind, response) => {
  it.each<[string, boolean, (res: ServerResponse) => void, Record<string, unknown> | undefined, Record<string, unknown>]>([
    ['Vary replaced after the decision: Origin appended again', false, (res) => res.setHeader('Vary', 'Foo'), undefined, { vary: 'Foo, Origin' }],
    ['Vary removed after the decision: Origin again', false, (res) => res.removeHeader('Vary'), undefined, { vary: 'Origin' }],
    ['Vary: * is left alone', false, (res) => res.setHeader('Vary', '*'), undefined, { vary: '*' }],
    ['Vary passed to writeHead (Fastify): that one is fixed', false, () => undefined, { Vary: 'Accept-Encoding' }, { vary: 'Accept-Encoding, Origin' }],
    ['allowed: permissions set later are kept', false, (res) => res.setHeader(ACAO, 'https://app.example.com'), undefined, { [ACAO]: 'https://app.example.com', vary: 'Origin' }],
    [
      'refused: permissions a middleware set are removed',
      true,
      (res) => {
        res.setHeader(ACAO, '*');
        res.setHeader(ACAC, 'true');
        res.setHeader(ACEH, 'X-Total');
      },
      undefined,
      { vary: 'Origin' },
    ],
    ['refused: permissions passed to writeHead are removed too', true, () => undefined, { 'Access-Control-Allow-Origin': '*', 'X-Other': '1' }, { 'x-other': '1', vary: 'Origin' }],
  ])('%s', (_name, refused, later, passed, expected) => {
    const res = response();
    res.setHeader('Vary', 'Origin');
    sealResponse(res as never, refused);
    later(res);
    if (passed) res.writeHead(200, passed as Record<string, string>);
    else res.writeHead(200);
    expect(res.getHeaders()).toEqual(expected);
  });

  it('sealed twice: the last verdict is the one written, writeHead wrapped once', () => {
    const res = response();
    sealResponse(res as never, true);
    const wrapped = res.writeHead;
    sealResponse(res as never, false);
    expect(res.writeHead).toBe(wrapped);
    res.setHeader(ACAO, 'https://app.example.com');
    res.writeHead(200);
    expect(res.getHeaders()).toEqual({ [ACAO]: 'https://app.example.com', vary: 'Origin' });
  });

  it('refused after allowed: the refusal is the one written', () => {
    const res = response();
    sealResponse(res as never, false);
    sealResponse(res as never, true);
    res.setHeader(ACAO, 'https://app.example.com');
    res.writeHead(200);
    expect(res.getHeaders()).toEqual({ vary: 'Origin' });
  });

  it('sealed again without a verdict (the interceptor): the refusal found is kept', () => {
    const res = response();
    sealResponse(res as never, true);
    sealResponse(res as never);
    res.setHeader(ACAO, '*');
    res.writeHead(200);
    expect(res.getHeaders()).toEqual({ vary: 'Origin' });
  });

  it.each<[string, boolean | undefined]>([
    ['refused again', true],
    ['sealed again without a verdict', undefined],
  ])("sealed as refused, then given a writeHead that goes straight to Node's, then %s: still refused", (_name, again) => {
    const res = response();
    sealResponse(res as never, true);
    res.writeHead = straightToNode;
    sealResponse(res as never, again);
    res.setHeader(ACAO, '*');
    res.setHeader('Vary', 'Accept');
    res.writeHead(200);
    expect(res.getHeaders()).toEqual({ vary: 'Accept, Origin' });
  });

  it('a response already sent is left alone', () => {
    const res = response();
    res.writeHead(200);
    const writeHead = res.writeHead;
    sealResponse(res as never, true);
    expect(res.writeHead).toBe(writeHead);
  });
});

describe('prepareSealOn: the sealed writeHead on a prototype', () => {
  it('sealing a response under it adds nothing to the response: no writeHead of its own, no other key', () => {
    const keys = (res: ServerResponse) => Reflect.ownKeys(res).length;
    const res = appResponseOf();
    const before = keys(res);
    sealResponse(res as never, true);
    expect(Object.hasOwn(res, 'writeHead')).toBe(false);
    expect(keys(res)).toBe(before);
    res.setHeader(ACAO, '*');
    res.writeHead(200);
    expect(res.getHeaders()).toEqual({ vary: 'Origin' });
  });

  it('an allowed answer is marked on the request, where nothing shows it: no key, symbol, JSON or inspect output', () => {
    const res = appResponseOf();
    const headers = res.req.headers;
    headers.origin = 'https://app.example.com';
    const shown = () => [Reflect.ownKeys(res).length, Reflect.ownKeys(headers), JSON.stringify(headers), inspect(headers, { showHidden: true }), { ...headers }];
    const before = shown();
    sealResponse(res as never, false, headers);
    expect(shown()).toEqual(before);
    res.setHeader('Vary', 'Accept');
    res.writeHead(200);
    expect(res.getHeaders()).toEqual({ vary: 'Accept, Origin' });
  });

  it('the mark is read from the request the response answers: another request of the same app is not sealed by it', () => {
    const sealed = appResponseOf();
    const other = appResponseOf();
    sealResponse(sealed as never, false);
    other.setHeader('Vary', 'Accept');
    other.writeHead(200);
    expect(other.getHeaders()).toEqual({ vary: 'Accept' });
  });

  it.each<[string, (res: ServerResponse) => void]>([
    ['a response without its request (no req.headers to mark: kept in the WeakMap)', (res) => Object.defineProperty(res, 'req', { value: undefined })],
    [
      'frozen request headers (marked under this engine; one that keeps private fields off frozen objects falls back to the WeakMap)',
      (res) => Object.freeze(res.req.headers),
    ],
  ])('%s: Vary is kept all the same', (_name, setUp) => {
    const res = appResponseOf();
    setUp(res);
    sealResponse(res as never, false);
    res.setHeader('Vary', 'Accept');
    res.writeHead(200);
    expect(res.getHeaders()).toEqual({ vary: 'Accept, Origin' });
  });

  it('a response under it that nobody sealed is written as it is', () => {
    const res = appResponseOf();
    res.setHeader(ACAO, '*');
    res.writeHead(200, { 'X-Other': '1' });
    expect(res.getHeaders()).toEqual({ [ACAO]: '*', 'x-other': '1' });
  });

  it('preparing the same prototype again wraps nothing more', () => {
    const writeHead = appResponse.writeHead;
    prepareSealOn(appResponse);
    expect(appResponse.writeHead).toBe(writeHead);
  });

  it("a response whose own writeHead another layer replaced (on-headers) is wrapped on its own, over that layer's", () => {
    const res = appResponseOf();
    const seen: string[] = [];
    const inherited = res.writeHead;
    res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
      seen.push('other layer');
      return inherited.apply(this, args);
    } as ServerResponse['writeHead'];
    sealResponse(res as never, true);
    res.setHeader(ACAO, '*');
    res.writeHead(200);
    expect(seen).toEqual(['other layer']);
    expect(res.getHeaders()).toEqual({ vary: 'Origin' });
  });

  it("a response whose own writeHead goes straight to Node's, past the prototype, is still sealed", () => {
    const res = appResponseOf();
    res.writeHead = straightToNode;
    sealResponse(res as never, true);
    res.setHeader(ACAO, '*');
    res.setHeader('Vary', 'Accept');
    res.writeHead(200);
    expect(res.getHeaders()).toEqual({ vary: 'Accept, Origin' });
  });
});
