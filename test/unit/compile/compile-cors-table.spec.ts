import { describe, expect, it } from '@jest/globals';
import type { Type } from '@nestjs/common';
import { compileCorsTable } from '../../../lib/internal/compile/compile-cors-table.js';
import type { ActualStrategy, PlatformFacts, RouteFacts } from '../../../lib/internal/table/cors-table.js';
import type { CorsMetadata } from '../../../lib/internal/policy/cors-metadata.js';
import type { CorsModuleOptions } from '../../../lib/interfaces/cors-module-options.interface.js';
import { EXPRESS_FACTS, inline, named } from '../support/compile-facts.js';

const APP = 'https://app.example.com';
const ADMIN = 'https://admin.example.com';

class ItemsController {}
class AdminController {}
class HostController {}

const handlers = new Map<string, (...args: unknown[]) => unknown>();
/** One handler function per name, as a controller prototype method would be. */
function handler(name: string) {
  let fn = handlers.get(name);
  if (!fn) handlers.set(name, (fn = function (this: unknown) {} as (...args: unknown[]) => unknown));
  return fn;
}

function route(method: string, path: string, fields: Partial<RouteFacts> = {}): RouteFacts {
  const controller = fields.controller ?? ItemsController;
  const handlerName = fields.handlerName ?? `${method.toLowerCase()}${path.replace(/\W/g, '_')}`;
  return {
    method,
    path,
    controller: controller as Type,
    handlerName,
    handler: fields.handler ?? handler(`${controller.name}.${handlerName}`),
    controllerMetadata: undefined,
    handlerMetadata: undefined,
    headerDecorators: [],
    takesResponse: false,
    ...fields,
  };
}

const express = EXPRESS_FACTS;
const fastify: PlatformFacts = { ...express, unambiguousStrategy: 'route-hook' };
const other: PlatformFacts = { ...express, unambiguousStrategy: 'guard' };

const off: CorsMetadata = { disabled: true };

function build(options: CorsModuleOptions, routes: RouteFacts[], platform = express) {
  const result = compileCorsTable(options, routes, platform);
  if (!result.table) throw new Error(`unexpected problems: ${JSON.stringify(result.problems)}`);
  return result.table;
}

describe('compileCorsTable: who decides actual requests', () => {
  it.each<[string, PlatformFacts, RouteFacts[], ActualStrategy[]]>([
    ['Express: unambiguous routes in the entry hook', express, [route('GET', '/items'), route('DELETE', '/items/:id')], ['entry-hook', 'entry-hook']],
    ['Fastify: unambiguous routes in their own hook', fastify, [route('GET', '/items'), route('DELETE', '/items/:id')], ['route-hook', 'route-hook']],
    ['another adapter: the guard', other, [route('GET', '/items')], ['guard']],
    [
      'host-bound controllers on one path: the guard, for both',
      express,
      [route('GET', '/h', { host: 'a.example.com', controller: HostController }), route('GET', '/h', { host: 'b.example.com', controller: AdminController })],
      ['guard', 'guard'],
    ],
    ['header-versioned routes: the guard', fastify, [route('GET', '/v', { version: '1' }), route('GET', '/v', { version: '2', handlerName: 'v2' })], ['guard', 'guard']],
    ['duplicate routes: the guard', express, [route('GET', '/d'), route('GET', '/d', { controller: AdminController })], ['guard', 'guard']],
    ['a route without CORS: none', express, [route('GET', '/off', { handlerMetadata: off })], ['none']],
    ['Express: a path the preflight router cannot follow is left to the guard', express, [route('GET', '/bad/(')], ['guard']],
  ])('%s', (_name, platform, routes, expected) => {
    const table = build({ origin: [APP] }, routes, platform);
    expect(table.routes.map((r) => r.strategy)).toEqual(expected);
  });

  it('unroutable paths are listed (and get no preflight entry)', () => {
    const table = build({ origin: [APP] }, [route('GET', '/bad/('), route('GET', '/ok')]);
    expect(table.unroutable).toEqual(['GET /bad/(']);
    expect(table.entries.map((e) => e.path)).toEqual(['/ok']);
  });
});

describe('compileCorsTable: compiled policies', () => {
  it('routes that only use the module defaults share one compiled policy; decorated ones get their own', () => {
    const table = build({ origin: [APP], policies: { admins: { origin: [ADMIN] } } }, [
      route('GET', '/a'),
      route('GET', '/b', { controller: AdminController }),
      route('GET', '/c', { handlerMetadata: named('admins') }),
      route('GET', '/d', { handlerMetadata: inline({ maxAge: 5 }) }),
    ]);
    const [a, b, c, d] = table.routes.map((r) => r.policy);
    expect(a).toBe(b);
    expect(table.routes[0]!.effective).toBe(table.routes[1]!.effective);
    expect(c).not.toBe(a);
    expect(d).not.toBe(a);
    expect(c?.originsFrom).toBe('policy "admins"');
    expect(d?.originsFrom).toBe('the module defaults');
    expect(d?.maxAgeSeconds).toBe(5);
    expect(d?.preflightHeaders).toEqual({ 'Access-Control-Max-Age': '5' });
  });

  it('routes of one controller decorated at class level share its policy, named after the controller', () => {
    const meta = inline({ origin: [ADMIN] });
    const table = build({ origin: [APP] }, [
      route('GET', '/x', { controller: AdminController, controllerMetadata: meta }),
      route('PUT', '/x', { controller: AdminController, controllerMetadata: meta }),
    ]);
    expect(table.routes[0]!.policy).toBe(table.routes[1]!.policy);
    expect(table.routes[0]!.policy?.originsFrom).toBe('@Cors() on AdminController');
  });

  it('runtime origins: one set per policy, shared by the compiled policies whose origins come from it', () => {
    const table = build({ origin: [APP], policies: { admins: { origin: [ADMIN] } } }, [
      route('GET', '/a'),
      route('GET', '/c', { handlerMetadata: named('admins') }),
      route('GET', '/i', { handlerMetadata: inline({ origin: [ADMIN] }) }),
    ]);
    expect([...table.runtimeOrigins.keys()]).toEqual(['default', 'admins']);
    table.runtimeOrigins.get('admins')!.addExact('https://late.example.com');
    const [a, c, i] = table.routes.map((r) => r.policy!);
    expect(c.matcher.matches('https://late.example.com')).toBe(true);
    expect(a.matcher.matches('https://late.example.com')).toBe(false);
    expect(i.matcher.matches('https://late.example.com')).toBe(false);
    expect(table.routes.map((r) => r.effective?.runtimeOriginsFrom)).toEqual(['default', 'admins', undefined]);
  });

  it('an origin function with the same cache settings gets one cache, with other settings another', () => {
    const fn = () => true;
    const table = build({ origin: fn, originCache: { ttl: 1000 } }, [
      route('GET', '/a'),
      route('GET', '/b', { handlerMetadata: inline({ maxAge: 1 }) }),
      route('GET', '/c', { handlerMetadata: inline({ originCache: { ttl: 2000 } }) }),
    ]);
    expect(table.originCaches).toHaveLength(2);
    expect(table.routes[0]!.policy!.originCache).toBe(table.routes[1]!.policy!.originCache);
  });

  it('the interceptor only where Vary can be replaced after the guard, and never for * policies', () => {
    const table = build({ origin: [APP] }, [
      route('GET', '/plain'),
      route('GET', '/vary', { headerDecorators: [{ name: 'Vary', value: 'Accept' }] }),
      route('GET', '/res', { takesResponse: true }),
      route('GET', '/star', { takesResponse: true, handlerMetadata: inline({ origin: '*' }) }),
      route('GET', '/off', { takesResponse: true, handlerMetadata: off }),
    ]);
    expect(table.routes.map((r) => r.needsInterceptor)).toEqual([false, true, true, false, false]);
  });
});

describe('compileCorsTable: preflight entries', () => {
  it('one entry per method and path; candidates only where a preflight cannot tell routes apart', () => {
    const table = build({ origin: [APP] }, [
      route('GET', '/items/:id'),
      route('DELETE', '/items/:id'),
      route('GET', '/h', { host: 'a.example.com', controller: HostController }),
      route('GET', '/h', { host: 'b.example.com', controller: AdminController }),
      route('GET', '/items/:id', { controller: AdminController }),
    ]);
    expect(table.entries.map((e) => [`${e.method} ${e.path}`, e.candidates.map((c) => c.label)])).toEqual([
      ['GET /items/:id', ['GET /items/:id (ItemsController.get_items__id)']],
      ['DELETE /items/:id', ['DELETE /items/:id (ItemsController.delete_items__id)']],
      ['GET /h', ['GET /h (HostController.get_h)', 'GET /h (AdminController.get_h)']],
    ]);
  });

  it('follows the platform order when it has one', () => {
    const reversed: PlatformFacts = { ...express, bySpecificity: <E>(entries: readonly E[]) => [...entries].reverse() };
    const table = build({ origin: [APP] }, [route('GET', '/a'), route('GET', '/b')], reversed);
    expect(table.entries.map((e) => e.path)).toEqual(['/b', '/a']);
  });
});

describe('compileCorsTable: problems are returned, all of them, not thrown', () => {
  it('module options, decorators and merged combinations in one list, with locations', () => {
    const result = compileCorsTable(
      { origin: ['https://app.example.com/'], credentials: true, policies: { admins: { origin: '*' } } },
      [
        route('GET', '/a', { handlerMetadata: named('admin') }),
        route('GET', '/b', { headerDecorators: [{ name: 'Access-Control-Allow-Origin', value: '*' }] }),
      ],
      express,
    );
    expect(result.table).toBeUndefined();
    expect(result.problems.map((p) => [p.code, p.location])).toEqual([
      ['non-canonical-origin', 'CorsModule options'],
      ['wildcard-with-credentials', 'policies.admins'],
      ['unknown-policy', 'ItemsController.get_a'],
      ['cors-header-on-route', 'ItemsController.get_b'],
    ]);
    expect(result.problems[2]!.message).toBe('no policy of that name: did you mean "admins"?');
  });
});

describe('compileCorsTable: settings', () => {
  const websockets = { requireOrigin: false, sameOrigin: true, trustForwardedHeaders: false, closeOnRevoke: false, adapter: undefined };
  const reporting = { listener: undefined, metrics: false, maxOrigins: 0, behind: undefined };
  it.each<[CorsModuleOptions, object]>([
    [{}, { originCheckTimeout: 5000, debug: false, passUnmatched: false, logRoutes: false, websockets, reporting }],
    [
      { originCheckTimeout: 50, debug: true, unmatchedPreflight: 'pass', logRoutes: true, websockets: { requireOrigin: true, sameOrigin: false, trustForwardedHeaders: true, closeOnRevoke: true } },
      {
        originCheckTimeout: 50,
        debug: true,
        passUnmatched: true,
        logRoutes: true,
        websockets: { requireOrigin: true, sameOrigin: false, trustForwardedHeaders: true, closeOnRevoke: true, adapter: undefined },
        reporting,
      },
    ],
  ])('%j', (options, expected) => {
    expect(build(options, []).settings).toEqual(expected);
  });

  const listener = () => undefined;
  it.each<[string, CorsModuleOptions, object]>([
    ['a listener', { onDecision: listener }, { ...reporting, listener }],
    ['metrics', { metrics: true }, { ...reporting, metrics: true }],
    ['originReport: true', { originReport: true }, { ...reporting, maxOrigins: 1000 }],
    ['originReport: { maxOrigins }', { originReport: { maxOrigins: 5 } }, { ...reporting, maxOrigins: 5 }],
    ['originReport: false', { originReport: false }, reporting],
    ['rollout enforcing: current ignored', { rollout: { mode: 'enforce', current: { origin: '*' } } }, reporting],
  ])('reporting, %s', (_name, options, expected) => {
    expect(build({ origin: 'https://app.example.com', ...options }, []).settings.reporting).toEqual(expected);
  });

  it("rollout report-only: rollout.current compiled once, as a candidate of its own, not merged with the module defaults", () => {
    const table = build({ origin: 'https://app.example.com', credentials: true, rollout: { mode: 'report-only', current: { origin: '*' } } }, []);
    const behind = table.settings.reporting.behind!;
    expect(behind.label).toBe('rollout.current');
    expect(behind.policy).toMatchObject({ anyOrigin: true, credentials: false, originsFrom: 'rollout.current' });
    const none = build({ origin: 'https://app.example.com', rollout: { mode: 'report-only', current: { origin: false } } }, []).settings.reporting.behind;
    expect(none).toEqual({ policy: undefined, label: 'rollout.current' });
  });
});
