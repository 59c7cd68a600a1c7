import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { corsHeaders, preflight, preflightTo, send } from '../utils/http.js';
import { expectAllowed, expectRefused } from './expect-preflight.js';
import { createRoutingModule } from './routing-app.module.js';
import { A, B, EVIL, X, Y } from './origins.js';

/**
 * A preflight is judged by the policy of the route that would serve the REQUESTED method at
 * that path, found the way the adapter's router finds it. Every route below has its own
 * origin, so which origin a preflight grants shows which route judged it; the actual request
 * next to it shows which route the router really picks.
 */
describe.each(ADAPTERS)('preflight routing (%s)', (name, create) => {
  const express = name === 'express';
  let running: RunningApp;
  const pf = (path: string, origin: string, method: string, requestHeaders?: string) =>
    preflight(running.url, path, origin, method, requestHeaders);
  /** Which handler serves an actual request (no Origin: plain routing). Methods with a body send `{}`. */
  const servedBy = async (method: string, path: string) => {
    const withBody = method !== 'GET' && method !== 'HEAD' && method !== 'DELETE';
    const res = withBody
      ? await send(running.url, method, path, { 'Content-Type': 'application/json' }, '{}')
      : await send(running.url, method, path);
    return res.status === 200 ? (JSON.parse(res.body) as { route: string }).route : res.status;
  };

  beforeAll(async () => {
    running = await startApp(create, createRoutingModule(name));
  });
  afterAll(async () => {
    await running.close();
  });

  describe('one path, one policy per method (GET /items/:id module default A, DELETE /items/:id @Cors({ origin: B }))', () => {
    it('DELETE preflight from A is refused: 403, no Access-Control-* header', async () => {
      expectRefused(await pf('/items/42', A, 'DELETE'));
    });

    it('DELETE preflight from B is allowed: 204, ACAO B, ACAM DELETE', async () => {
      expectAllowed(await pf('/items/42', B, 'DELETE'), { origin: B, method: 'DELETE' });
    });

    it('GET preflight from A is allowed by the GET route of the same path', async () => {
      expectAllowed(await pf('/items/42', A, 'GET', 'x-trace'), { origin: A, method: 'GET', allowHeaders: 'x-trace' });
    });

    it('GET preflight from B is refused: B is only allowed on DELETE', async () => {
      expectRefused(await pf('/items/42', B, 'GET'));
    });

    it('PUT preflight is judged by the PUT route (Y)', async () => {
      expectAllowed(await pf('/items/42', Y, 'PUT', 'content-type'), { origin: Y, method: 'PUT', allowHeaders: 'content-type' });
      expectRefused(await pf('/items/42', A, 'PUT', 'content-type'));
      expectRefused(await pf('/items/42', B, 'PUT', 'content-type'));
    });

    it('an absolute-form target (OPTIONS http://host/items/42) is judged by the route of its path', async () => {
      const target = new URL('/items/42', running.url).href;
      expectAllowed(await preflightTo(running.url, target, B, 'DELETE'), { origin: B, method: 'DELETE' });
      expectRefused(await preflightTo(running.url, target, A, 'DELETE'));
    });

    it('the actual DELETE from B is served with ACAO B, the actual GET from B without', async () => {
      const del = await send(running.url, 'DELETE', '/items/42', { Origin: B });
      expect(del.status).toBe(200);
      expect(corsHeaders(del)).toEqual({ 'access-control-allow-origin': [B] });
      const get = await send(running.url, 'GET', '/items/42', { Origin: B });
      expect(get.status).toBe(200);
      expect(corsHeaders(get)).toEqual({});
    });
  });

  describe('status and exact headers', () => {
    it('minimal allowed preflight: 204, ACAO, ACAM only; no ACAH, ACAC or ACMA; Vary; empty body', async () => {
      const res = await pf('/h/plain', A, 'POST');
      expectAllowed(res, { origin: A, method: 'POST' });
      expect(res.headers['access-control-allow-headers']).toBeUndefined();
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
      expect(res.headers['access-control-max-age']).toBeUndefined();
      expect(res.headers['access-control-expose-headers']).toBeUndefined();
    });

    it('ACAH echoes the requested header names (lowercase, comma-space separated)', async () => {
      expectAllowed(await pf('/h/plain', A, 'POST', 'Content-Type,X-Trace-Id'), {
        origin: A,
        method: 'POST',
        allowHeaders: 'content-type, x-trace-id',
      });
    });

    it('credentials, maxAge and optionsSuccessStatus: status 200, ACAC true, ACMA 600', async () => {
      expectAllowed(await pf('/h/full', A, 'POST', 'content-type'), {
        origin: A,
        method: 'POST',
        allowHeaders: 'content-type',
        credentials: true,
        maxAge: 600,
        status: 200,
      });
    });

    it('refused preflight on a credentialed route: 403, no Access-Control-* header, empty body', async () => {
      expectRefused(await pf('/h/full', EVIL, 'POST', 'content-type'));
    });

    it('refused preflight for a disallowed origin on a plain route', async () => {
      expectRefused(await pf('/h/plain', EVIL, 'POST'));
    });
  });

  describe('methods option', () => {
    it("methods: ['GET','PUT'] on a PUT route allows a PUT preflight", async () => {
      expectAllowed(await pf('/h/m', A, 'PUT'), { origin: A, method: 'PUT' });
    });

    it('PATCH is refused although a PATCH route with the same policy exists on that path', async () => {
      expectRefused(await pf('/h/m', A, 'PATCH'));
      expect(await servedBy('PATCH', '/h/m')).toBe('h.m.patch');
    });

    it('GET is refused: listing a method in `methods` does not create a route for it', async () => {
      expectRefused(await pf('/h/m', A, 'GET'));
    });

    it('ACRM is compared case-sensitively: `put` matches no PUT route', async () => {
      expectRefused(await pf('/h/m', A, 'put'));
      expectRefused(await pf('/items/42', Y, 'put'));
      expectRefused(await pf('/items/42', B, 'delete'));
      expectRefused(await pf('/items/42', A, 'get'));
    });
  });

  describe('allowedHeaders', () => {
    it("['X-Api-Key', 'Content-Type'] allows `x-api-key`, compared case-insensitively", async () => {
      expectAllowed(await pf('/h/limited', A, 'PUT', 'x-api-key'), { origin: A, method: 'PUT', allowHeaders: 'x-api-key' });
      expectAllowed(await pf('/h/limited', A, 'PUT', 'X-API-KEY, content-TYPE'), {
        origin: A,
        method: 'PUT',
        allowHeaders: 'x-api-key, content-type',
      });
    });

    it('a header outside the list refuses the whole preflight', async () => {
      expectRefused(await pf('/h/limited', A, 'PUT', 'x-other'));
      expectRefused(await pf('/h/limited', A, 'PUT', 'x-api-key, x-other'));
      expectRefused(await pf('/h/limited', A, 'PUT', 'authorization'));
    });

    it("the default '*' echoes any names, authorization included", async () => {
      expectAllowed(await pf('/items/42', A, 'GET', 'authorization, x-anything'), {
        origin: A,
        method: 'GET',
        allowHeaders: 'authorization, x-anything',
      });
    });
  });

  describe('static vs parametric routes', () => {
    it('GET /items/special (static, declared first) is judged by the static route (X) on both adapters', async () => {
      expect(await servedBy('GET', '/items/special')).toBe('items.special');
      expectAllowed(await pf('/items/special', X, 'GET'), { origin: X, method: 'GET' });
      expectRefused(await pf('/items/special', A, 'GET'));
    });

    it('PUT /items/special: only the parametric route serves PUT, so its policy (Y) applies', async () => {
      expect(await servedBy('PUT', '/items/special')).toBe('items.replace');
      expectAllowed(await pf('/items/special', Y, 'PUT'), { origin: Y, method: 'PUT' });
      expectRefused(await pf('/items/special', X, 'PUT'));
    });

    it('DELETE /items/special resolves to DELETE /items/:id (B)', async () => {
      expectAllowed(await pf('/items/special', B, 'DELETE'), { origin: B, method: 'DELETE' });
      expectRefused(await pf('/items/special', X, 'DELETE'));
    });

    it(`parametric route declared first: ${express ? 'Express takes routes in registration order (:id, Y)' : 'Fastify prefers the static segment (X)'}`, async () => {
      const winner = express ? Y : X;
      const loser = express ? X : Y;
      expect(await servedBy('GET', '/order/static')).toBe(express ? 'order.byId' : 'order.static');
      expectAllowed(await pf('/order/static', winner, 'GET'), { origin: winner, method: 'GET' });
      expectRefused(await pf('/order/static', loser, 'GET'));
      // Any other id is the parametric route on both adapters.
      expectAllowed(await pf('/order/other', Y, 'GET'), { origin: Y, method: 'GET' });
      expectRefused(await pf('/order/other', X, 'GET'));
    });

    it(`@All('mixed/:id') before @Get('mixed/fixed'): GET goes to ${express ? '@All (B) on Express' : 'the static GET (A) on Fastify'}`, async () => {
      const winner = express ? B : A;
      const loser = express ? A : B;
      expect(await servedBy('GET', '/any/mixed/fixed')).toBe(express ? 'any.mixed' : 'any.fixed');
      expectAllowed(await pf('/any/mixed/fixed', winner, 'GET'), { origin: winner, method: 'GET' });
      expectRefused(await pf('/any/mixed/fixed', loser, 'GET'));
    });

    it('PUT /any/mixed/fixed has only the @All route: B on both adapters', async () => {
      expect(await servedBy('PUT', '/any/mixed/fixed')).toBe('any.mixed');
      expectAllowed(await pf('/any/mixed/fixed', B, 'PUT'), { origin: B, method: 'PUT' });
      expectRefused(await pf('/any/mixed/fixed', A, 'PUT'));
    });
  });

  describe('@All() routes', () => {
    it.each(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])('%s preflight to @All(thing) is judged by its policy (B)', async (method) => {
      expectAllowed(await pf('/any/thing', B, method, 'content-type'), { origin: B, method, allowHeaders: 'content-type' });
      expectRefused(await pf('/any/thing', A, method, 'content-type'));
    });
  });

  describe('wildcards (syntax per adapter)', () => {
    if (express) {
      it("Express `*path` matches one segment or more: /files/a/b.txt is X's", async () => {
        expect(await servedBy('GET', '/files/a/b.txt')).toBe('files.wildcard');
        expectAllowed(await pf('/files/a/b.txt', X, 'GET'), { origin: X, method: 'GET' });
        expectRefused(await pf('/files/a/b.txt', A, 'GET'));
      });

      it('Express `*path` does not match /files nor /files/: no route, refused', async () => {
        expect(await servedBy('GET', '/files')).toBe(404);
        expect(await servedBy('GET', '/files/')).toBe(404);
        expectRefused(await pf('/files', X, 'GET'));
        expectRefused(await pf('/files/', X, 'GET'));
      });

      it('Express `{*path}` also matches the empty rest (/docs/), not /docs', async () => {
        expect(await servedBy('GET', '/docs/')).toBe('docs.wildcard');
        expect(await servedBy('GET', '/docs')).toBe(404);
        expectAllowed(await pf('/docs/', X, 'GET'), { origin: X, method: 'GET' });
        expectAllowed(await pf('/docs/a/b', X, 'GET'), { origin: X, method: 'GET' });
        expectRefused(await pf('/docs', X, 'GET'));
      });
    } else {
      it("Fastify `*` matches any rest, empty included: /files/a/b.txt and /files/ are X's", async () => {
        expect(await servedBy('GET', '/files/a/b.txt')).toBe('files.wildcard');
        expect(await servedBy('GET', '/files/')).toBe('files.wildcard');
        expectAllowed(await pf('/files/a/b.txt', X, 'GET'), { origin: X, method: 'GET' });
        expectAllowed(await pf('/files/', X, 'GET'), { origin: X, method: 'GET' });
        expectRefused(await pf('/files/a/b.txt', A, 'GET'));
      });

      it('Fastify `*` does not match /files: no route, refused', async () => {
        expect(await servedBy('GET', '/files')).toBe(404);
        expectRefused(await pf('/files', X, 'GET'));
      });

      it('Fastify: a parameter beats a wildcard for one segment, the wildcard takes deeper paths', async () => {
        expect(await servedBy('GET', '/mix/x')).toBe('mix.byId');
        expect(await servedBy('GET', '/mix/x/y')).toBe('mix.wildcard');
        expectAllowed(await pf('/mix/x', Y, 'GET'), { origin: Y, method: 'GET' });
        expectRefused(await pf('/mix/x', X, 'GET'));
        expectAllowed(await pf('/mix/x/y', X, 'GET'), { origin: X, method: 'GET' });
        expectRefused(await pf('/mix/x/y', Y, 'GET'));
      });

      it('Fastify: /mix/ goes to `:id` with an empty value, which Nest answers 404 (not the wildcard): refused', async () => {
        expect(await servedBy('GET', '/mix/')).toBe(404);
        expectRefused(await pf('/mix/', X, 'GET'));
        expectRefused(await pf('/mix/', Y, 'GET'));
      });

      it('Fastify: an optional last parameter serves the path with and without it (/pages/7 and /pages are X), a static route beside it wins (/pages/list is Y)', async () => {
        expect(await servedBy('GET', '/pages/7')).toBe('pages.page');
        expect(await servedBy('GET', '/pages')).toBe('pages.page');
        expect(await servedBy('GET', '/pages/list')).toBe('pages.list');
        expectAllowed(await pf('/pages/7', X, 'GET'), { origin: X, method: 'GET' });
        expectAllowed(await pf('/pages', X, 'GET'), { origin: X, method: 'GET' });
        expectRefused(await pf('/pages', Y, 'GET'));
        expectAllowed(await pf('/pages/list', Y, 'GET'), { origin: Y, method: 'GET' });
        expectRefused(await pf('/pages/list', X, 'GET'));
      });

      it('Fastify: a regex parameter is tried before a plain one declared earlier (/num/123 is X, /num/abc is Y)', async () => {
        expect(await servedBy('GET', '/num/123')).toBe('num.id');
        expect(await servedBy('GET', '/num/abc')).toBe('num.slug');
        expectAllowed(await pf('/num/123', X, 'GET'), { origin: X, method: 'GET' });
        expectRefused(await pf('/num/123', Y, 'GET'));
        expectAllowed(await pf('/num/abc', Y, 'GET'), { origin: Y, method: 'GET' });
        expectRefused(await pf('/num/abc', X, 'GET'));
      });
    }

    it('a static route beside the wildcard (declared first) wins: /files/readme is A', async () => {
      expect(await servedBy('GET', '/files/readme')).toBe('files.readme');
      expectAllowed(await pf('/files/readme', A, 'GET'), { origin: A, method: 'GET' });
      expectRefused(await pf('/files/readme', X, 'GET'));
    });

    it('a method the wildcard route does not serve is refused', async () => {
      expectRefused(await pf('/files/a/b.txt', X, 'PUT'));
    });
  });

  describe('query strings are ignored', () => {
    it('/items/special?x=1 is the static route', async () => {
      expectAllowed(await pf('/items/special?x=1', X, 'GET'), { origin: X, method: 'GET' });
      expectRefused(await pf('/items/special?x=1', A, 'GET'));
    });

    it('a query that looks like a path does not change the route', async () => {
      expectAllowed(await pf('/items/42?next=/items/special', B, 'DELETE'), { origin: B, method: 'DELETE' });
      expectAllowed(await pf('/items/42?next=/items/special', A, 'GET'), { origin: A, method: 'GET' });
      expectRefused(await pf('/items/42?next=/items/special', X, 'GET'));
    });

    it('an empty query and a query on a path without route', async () => {
      expectAllowed(await pf('/items/special?', X, 'GET'), { origin: X, method: 'GET' });
      expectRefused(await pf('/nowhere?to=/items/42', A, 'GET'));
    });
  });

  describe("trailing slash, case and encoding follow the adapter's router", () => {
    it(`/items/42/ ${express ? 'is /items/42 on Express (non-strict routing)' : 'has no route on Fastify (strict trailing slash)'}`, async () => {
      expect(await servedBy('GET', '/items/42/')).toBe(express ? 'items.get' : 404);
      const res = await pf('/items/42/', B, 'DELETE');
      if (express) expectAllowed(res, { origin: B, method: 'DELETE' });
      else expectRefused(res);
    });

    it(`/items/special/ ${express ? 'is the static route on Express' : 'has no route on Fastify'}`, async () => {
      expect(await servedBy('GET', '/items/special/')).toBe(express ? 'items.special' : 404);
      const res = await pf('/items/special/', X, 'GET');
      if (express) expectAllowed(res, { origin: X, method: 'GET' });
      else expectRefused(res);
    });

    it(`/ITEMS/special ${express ? 'matches on Express (case-insensitive by default)' : 'has no route on Fastify (case-sensitive)'}`, async () => {
      expect(await servedBy('GET', '/ITEMS/special')).toBe(express ? 'items.special' : 404);
      const res = await pf('/ITEMS/special', X, 'GET');
      if (express) expectAllowed(res, { origin: X, method: 'GET' });
      else expectRefused(res);
    });

    it(`/items/spec%69al ${express ? 'is served by /items/:id on Express (matched undecoded)' : 'is served by /items/special on Fastify (find-my-way decodes %69)'}`, async () => {
      const winner = express ? A : X;
      const loser = express ? X : A;
      expect(await servedBy('GET', '/items/spec%69al')).toBe(express ? 'items.get' : 'items.special');
      expectAllowed(await pf('/items/spec%69al', winner, 'GET'), { origin: winner, method: 'GET' });
      expectRefused(await pf('/items/spec%69al', loser, 'GET'));
    });
  });

  describe('percent-encoded paths and router limits', () => {
    it(`DELETE /vault/purg%65 ${express ? 'is DELETE /vault/:id on Express (A)' : 'is DELETE /vault/purge on Fastify, which has no CORS: refused'}`, async () => {
      expectRefused(await pf('/vault/purge', A, 'DELETE'));
      expect(await servedBy('DELETE', '/vault/purg%65')).toBe(express ? 'vault.remove' : 'vault.purge');
      const res = await pf('/vault/purg%65', A, 'DELETE');
      // On Fastify, allowing this preflight would let a page on A send a credentialed DELETE to the route without CORS.
      if (express) expectAllowed(res, { origin: A, method: 'DELETE' });
      else expectRefused(res);
    });

    it('an encoded slash stays inside the parameter on both adapters (/items/a%2Fb is /items/:id)', async () => {
      expect(await servedBy('GET', '/items/a%2Fb')).toBe('items.get');
      expectAllowed(await pf('/items/a%2Fb', A, 'GET'), { origin: A, method: 'GET' });
    });

    it(`a 101-character id ${express ? 'is /items/:id on Express' : "exceeds Fastify's maxParamLength (100): no route serves it (414), refused"}`, async () => {
      const path = `/items/${'a'.repeat(101)}`;
      const actual = await send(running.url, 'GET', path);
      expect(actual.status).toBe(express ? 200 : 414);
      const res = await pf(path, A, 'GET');
      if (express) expectAllowed(res, { origin: A, method: 'GET' });
      else expectRefused(res);
      // 100 characters is still the parametric route on both.
      expectAllowed(await pf(`/items/${'a'.repeat(100)}`, A, 'GET'), { origin: A, method: 'GET' });
    });
  });

  describe('HEAD', () => {
    it('a HEAD preflight resolves to the GET route (A)', async () => {
      const actual = await send(running.url, 'HEAD', '/items/42', { Origin: A });
      expect(actual.status).toBe(200);
      expect(actual.headers['access-control-allow-origin']).toEqual([A]);
      expectAllowed(await pf('/items/42', A, 'HEAD'), { origin: A, method: 'HEAD' });
      expectRefused(await pf('/items/42', B, 'HEAD'));
    });

    it('HEAD on /items/special resolves to the static GET route (X)', async () => {
      expectAllowed(await pf('/items/special', X, 'HEAD'), { origin: X, method: 'HEAD' });
      expectRefused(await pf('/items/special', A, 'HEAD'));
    });

    it('HEAD on an @All route is judged by it (B)', async () => {
      expectAllowed(await pf('/any/thing', B, 'HEAD'), { origin: B, method: 'HEAD' });
      expectRefused(await pf('/any/thing', A, 'HEAD'));
    });

    if (express) {
      it('Express: @Get then @Head on one path: the GET route (first registered) serves HEAD, so its policy (A) applies', async () => {
        const actual = await send(running.url, 'HEAD', '/head/get-first');
        expect(actual.headers['x-route']).toEqual(['head.get-first.get']);
        expectAllowed(await pf('/head/get-first', A, 'HEAD'), { origin: A, method: 'HEAD' });
        expectRefused(await pf('/head/get-first', B, 'HEAD'));
      });

      it('Express: @Head then @Get on one path: the HEAD route serves HEAD (B)', async () => {
        const actual = await send(running.url, 'HEAD', '/head/head-first');
        expect(actual.headers['x-route']).toEqual(['head.head-first.head']);
        expectAllowed(await pf('/head/head-first', B, 'HEAD'), { origin: B, method: 'HEAD' });
        expectRefused(await pf('/head/head-first', A, 'HEAD'));
      });
    }
  });

  describe('no route for the requested method at that path', () => {
    it('PATCH /items/42 (GET, PUT, DELETE exist there) is refused', async () => {
      expectRefused(await pf('/items/42', A, 'PATCH'));
    });

    it('POST /items (no route at that path for any method) is refused', async () => {
      expectRefused(await pf('/items', A, 'POST'));
    });

    it('an unknown path is refused', async () => {
      expectRefused(await pf('/nowhere', A, 'GET'));
    });
  });

  describe('@Cors(false)', () => {
    it('handler @Cors(false): preflight refused, the actual request is served without CORS headers', async () => {
      expectRefused(await pf('/h/nocors', A, 'PUT'));
      const actual = await send(running.url, 'PUT', '/h/nocors', { Origin: A, 'Content-Type': 'application/json' }, '{}');
      expect(actual.status).toBe(200);
      expect(corsHeaders(actual)).toEqual({});
    });

    it('controller @Cors(false): preflight refused', async () => {
      expectRefused(await pf('/off/closed', A, 'PUT'));
    });

    it('controller @Cors(false) with handler @Cors(): re-enabled with the module defaults', async () => {
      expectAllowed(await pf('/off/open', A, 'PUT', 'content-type'), { origin: A, method: 'PUT', allowHeaders: 'content-type' });
      expectRefused(await pf('/off/open', EVIL, 'PUT'));
    });
  });

  describe('OPTIONS without Access-Control-Request-Method is not a preflight', () => {
    it('goes to the @Options() handler: its status and body, ACAO as an actual request, no ACAM/ACAH/ACMA', async () => {
      const res = await send(running.url, 'OPTIONS', '/opt/with', { Origin: A, 'Access-Control-Request-Headers': 'x-trace' });
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toEqual({ route: 'opt.options' });
      expect(res.headers['x-route']).toEqual(['opt.options']);
      expect(corsHeaders(res)).toEqual({ 'access-control-allow-origin': [A] });
      expect(res.headers.vary).toEqual(['Origin']);
    });

    it('from a refused origin: still the handler, no Access-Control-* header', async () => {
      const res = await send(running.url, 'OPTIONS', '/opt/with', { Origin: EVIL });
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toEqual({ route: 'opt.options' });
      expect(corsHeaders(res)).toEqual({});
    });

    it('without Origin (ACRM alone) it is not a preflight either: the handler answers', async () => {
      const res = await send(running.url, 'OPTIONS', '/opt/with', { 'Access-Control-Request-Method': 'PUT' });
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toEqual({ route: 'opt.options' });
      expect(corsHeaders(res)).toEqual({});
    });

    it("no @Options() handler: Nest's own 404 with the module defaults' actual-request answer (readableNotFound), never Allow-Methods", async () => {
      const res = await send(running.url, 'OPTIONS', '/opt/without', { Origin: A });
      expect(res.status).toBe(404);
      expect(JSON.parse(res.body)).toMatchObject({ statusCode: 404 });
      expect(corsHeaders(res)).toEqual({ 'access-control-allow-origin': [A] });
    });

    it('a real preflight to that path is routed by ACRM, not to the @Options() handler', async () => {
      expectRefused(await pf('/opt/with', A, 'GET'));
      expectAllowed(await pf('/opt/without', A, 'GET'), { origin: A, method: 'GET' });
    });
  });
});

describe.each(ADAPTERS)("unmatchedPreflight: 'pass' (%s)", (name, create) => {
  let running: RunningApp;
  const pf = (path: string, origin: string, method: string) => preflight(running.url, path, origin, method);

  beforeAll(async () => {
    running = await startApp(create, createRoutingModule(name, { unmatchedPreflight: 'pass' }));
  });
  afterAll(async () => {
    await running.close();
  });

  it('a preflight for a method no route serves at that path is passed on: Nest answers 404, no CORS headers', async () => {
    const res = await pf('/items/42', A, 'PATCH');
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body)).toMatchObject({ statusCode: 404 });
    expect(corsHeaders(res)).toEqual({});
  });

  it('an unknown path is passed on as well', async () => {
    const res = await pf('/nowhere', A, 'GET');
    expect(res.status).toBe(404);
    expect(corsHeaders(res)).toEqual({});
  });

  it('a matched preflight is still answered: refused by policy (403), or allowed (204)', async () => {
    expectRefused(await pf('/items/42', A, 'DELETE'));
    expectAllowed(await pf('/items/42', B, 'DELETE'), { origin: B, method: 'DELETE' });
  });

  it('a route with @Cors(false) is matched, so its preflight is refused, not passed on', async () => {
    expectRefused(await pf('/off/closed', A, 'PUT'));
  });
});
