import { describe, expect, it } from '@jest/globals';
import type { Type } from '@nestjs/common';
import type { TableGateway } from '../../../lib/internal/table/cors-table.js';
import { OriginMatcher } from '../../../lib/internal/origin/origin-matcher.js';
import { RuntimeOrigins } from '../../../lib/internal/origin/runtime-origins.js';
import { HandshakeGate } from '../../../lib/internal/websocket/handshake-gate.js';
import type { HandshakeScope } from '../../../lib/internal/websocket/handshake-scope.js';
import { compiledPolicy } from '../support/compiled-policy.js';
import { emptyTable } from '../support/fake-request-path.js';

const APP = 'https://app.example.com';
const ADMIN = 'https://admin.example.com';
const policy = (origin: string) => compiledPolicy({ matcher: new OriginMatcher(new Set([origin]), [], [], undefined) });
const gateway = (label: string, namespace: unknown, origin: string, fields: Partial<TableGateway> = {}): TableGateway => ({
  gateway: class {} as Type,
  port: 0,
  path: undefined,
  namespace,
  label,
  policy: policy(origin),
  effective: undefined,
  ...fields,
});

const TABLE = {
  ...emptyTable(),
  gateways: [gateway('Chat', '/', APP), gateway('Admin', '/admin', ADMIN), gateway('Elsewhere', '/', ADMIN, { port: 4001 }), gateway('Rt', '/', ADMIN, { path: '/rt' })],
};
const SERVER: HandshakeScope = { transport: 'socket.io', port: 0, path: undefined };
const request = (origin: string) => ({ headers: { host: 'api.example.com', origin } });

describe('HandshakeGate', () => {
  it('finds the gateways of a server (port and path as configured) and of one of its namespaces', () => {
    const gate = new HandshakeGate(() => TABLE);
    expect(gate.gatewaysOf(SERVER).map((g) => g.label)).toEqual(['Chat', 'Admin']);
    expect(gate.gatewaysOf({ ...SERVER, namespace: 'admin' }).map((g) => g.label)).toEqual(['Admin']);
    expect(gate.gatewaysOf({ ...SERVER, port: 4001 }).map((g) => g.label)).toEqual(['Elsewhere']);
    expect(gate.gatewaysOf({ ...SERVER, path: '/rt' }).map((g) => g.label)).toEqual(['Rt']);
    expect(gate.gatewaysOf({ ...SERVER, namespace: '/none' })).toEqual([]);
  });

  it('the engine admits the union, each namespace its own gateways', () => {
    const gate = new HandshakeGate(() => TABLE);
    expect(gate.judge(request(ADMIN), SERVER, 'some')).toMatchObject({ allowed: true });
    expect(gate.judge(request(ADMIN), { ...SERVER, namespace: '/' }, 'every')).toMatchObject({ allowed: false, reason: 'origin-not-allowed', text: 'origin not allowed by the module defaults on Chat' });
    expect(gate.judge(request(ADMIN), { ...SERVER, namespace: '/admin' }, 'every')).toMatchObject({ allowed: true });
  });

  it.each([
    ['before the table exists', () => undefined],
    ['when finding it throws', () => {
      throw new Error('no CorsModule');
    }],
  ])('refuses everything %s, requests without Origin included', (_name, resolve) => {
    const gate = new HandshakeGate(resolve);
    const refused = { allowed: false, reason: 'not-initialized', text: 'CorsModule is not initialized (not imported, or app.init() has not finished)' };
    expect(gate.judge(request(APP), SERVER, 'some')).toMatchObject(refused);
    expect(gate.judge({ headers: {} }, SERVER, 'some')).toMatchObject(refused);
    expect(gate.gatewaysOf(SERVER)).toEqual([]);
  });

  it.each([
    [true, ['admin']],
    [false, []],
  ])('closeOnRevoke %s: after a revoke, tracked connections closed: %j (only those the policy now refuses)', async (closeOnRevoke, expected) => {
    const runtime = new RuntimeOrigins();
    runtime.addExact(ADMIN);
    const withRuntime = compiledPolicy({ matcher: new OriginMatcher(new Set([APP]), [], [], runtime) });
    const base = emptyTable();
    const table = {
      ...base,
      gateways: [gateway('Chat', '/', APP, { policy: withRuntime })],
      runtimeOrigins: new Map([['default', runtime]]),
      settings: { ...base.settings, websockets: { ...base.settings.websockets, closeOnRevoke } },
    };
    const gate = new HandshakeGate(() => table);
    const closed: string[] = [];
    const scope = { ...SERVER, namespace: '/' };
    gate.track({ request: request(ADMIN), scope, close: () => closed.push('admin') });
    gate.track({ request: request(APP), scope, close: () => closed.push('app') });
    const untracked = gate.track({ request: request(ADMIN), scope, close: () => closed.push('gone') });
    untracked();
    runtime.remove(ADMIN);
    await Promise.resolve();
    expect(closed).toEqual(expected);
  });
});
