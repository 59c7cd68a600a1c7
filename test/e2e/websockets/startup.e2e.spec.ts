import { describe, expect, it } from '@jest/globals';
import { Injectable } from '@nestjs/common';
import { SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { Cors, CorsModule, CorsModuleOptions } from '../../../lib/index.js';
import { CorsIoAdapter } from '../../../lib/socket.io/index.js';
import { untyped } from '../startup-validation/controllers.js';
import { expectProblems, problem, startupError } from '../startup-validation/startup.js';
import { ADAPTERS, startApp } from '../utils/adapters.js';
import { corsHeaders, send } from '../utils/http.js';
import { engineUrl } from './clients.js';
import { APP, ChatGateway, ConnectionLog, EVIL } from './gateways.js';

const NON_ROUTE_HINT = "use the `paths` option for endpoints that are not controller routes (e.g. paths: { '/graphql': ... }), or put it on a @WebSocketGateway";

@Cors()
@Injectable()
class ItemsService {}

/** What a GraphQL resolver looks like to Nest: a provider with methods. */
@Injectable()
class ItemsResolver {
  @Cors({ origin: APP })
  items() {
    return [];
  }
}

@WebSocketGateway({ namespace: 'methods' })
class MethodCorsGateway {
  @Cors()
  @SubscribeMessage('echo')
  echo() {
    return 'x';
  }
}

@Cors('nope')
@WebSocketGateway({ namespace: 'typo' })
class TypoGateway {}

@Cors(untyped({ origin: '*', credentials: true }))
@WebSocketGateway({ namespace: 'star' })
class StarGateway {}

@Cors('partners')
@WebSocketGateway({ namespace: 'partners' })
class PartnersGateway {}

@WebSocketGateway({ cors: { origin: '*' } })
class OwnCorsGateway {}

const withCorsAdapter = (app: Parameters<NonNullable<Parameters<typeof startApp>[2]>>[0]) => void app.useWebSocketAdapter(new CorsIoAdapter(app));

describe.each(ADAPTERS)('WebSocket configuration at startup (%s)', (_name, adapter) => {
  it('@Cors() on a provider that is neither a controller nor a gateway, or on a gateway method, is refused', async () => {
    const error = await startupError(
      adapter,
      { imports: [CorsModule.forRoot({ origin: APP })], providers: [ItemsService, ItemsResolver, MethodCorsGateway] },
      withCorsAdapter,
    );
    expectProblems(error, [
      problem('ItemsService', 'cors-on-non-route', '@Cors()', 'ItemsService', ['ItemsService is neither a controller nor a gateway', NON_ROUTE_HINT]),
      problem('ItemsResolver.items', 'cors-on-non-route', '@Cors()', 'ItemsResolver', [NON_ROUTE_HINT]),
      problem('MethodCorsGateway.echo', 'cors-on-non-route', '@Cors()', 'MethodCorsGateway.echo', ['put @Cors() on the gateway class']),
    ]);
  });

  it("gateway policies are validated with all others: an unknown name, '*' with credentials, the websockets option", async () => {
    const options = { origin: APP, policies: { partners: { origin: ['https://partner.example.com'] } }, websockets: { policy: 'partner', requireOrgin: true, closeOnRevoke: 'yes' } };
    const error = await startupError(
      adapter,
      { imports: [CorsModule.forRoot(options as unknown as CorsModuleOptions)], providers: [TypoGateway, StarGateway] },
      withCorsAdapter,
    );
    expectProblems(error, [
      problem('CorsModule options', 'unknown-option', 'websockets.requireOrgin', true, ['did you mean "requireOrigin"?']),
      problem('CorsModule options', 'invalid-type', 'websockets.closeOnRevoke', 'yes', ['expected true or false']),
      problem('CorsModule options', 'unknown-policy', 'websockets.policy', 'partner', ['did you mean "partners"?']),
      problem('TypoGateway', 'unknown-policy', '@Cors(policyName)', 'nope', ['configured: "partners"']),
      problem('StarGateway', 'wildcard-with-credentials', 'origin', '*', ['list the origins, or drop credentials'], 'gateway StarGateway'),
    ]);
  });

  it("@Cors() on a gateway, or the websockets option, while the app's WebSocket adapter is not a CorsModule one: refused", async () => {
    const error = await startupError(adapter, {
      imports: [CorsModule.forRoot({ origin: APP, policies: { partners: { origin: [APP] } }, websockets: { requireOrigin: true } })],
      providers: [PartnersGateway],
    });
    const hint = 'app.useWebSocketAdapter(new CorsIoAdapter(app)) from nestjs-cors/socket.io, or new CorsWsAdapter(app) from nestjs-cors/ws';
    expectProblems(error, [
      problem('CorsModule options', 'unenforced-gateway-policy', 'websockets', { requireOrigin: true }, ['these options would do nothing', hint]),
      problem('PartnersGateway', 'unenforced-gateway-policy', '@Cors()', 'PartnersGateway', ['this policy would not be enforced', hint]),
    ]);
  });

  it("a gateway behind Nest's own IoAdapter starts, with a warning that its handshakes are not checked", async () => {
    const running = await startApp(adapter, { imports: [CorsModule.forRoot({ origin: APP })], providers: [ConnectionLog, ChatGateway, OwnCorsGateway] });
    try {
      expect(running.logger.cors('warn')).toEqual([
        "WebSocket handshakes to ChatGateway, OwnCorsGateway are not checked: the app's WebSocket adapter is not a CorsModule adapter, so any website can connect " +
          "with its visitors' cookies (cross-site WebSocket hijacking). Use app.useWebSocketAdapter(new CorsIoAdapter(app)) from nestjs-cors/socket.io, or new " +
          "CorsWsAdapter(app) from nestjs-cors/ws. socket.io's own cors option on OwnCorsGateway is another CORS layer, with other rules than CorsModule's.",
      ]);
    } finally {
      await running.close();
    }
  });

  it("socket.io's own cors option is replaced by the gateway's CorsModule policy, with a warning", async () => {
    const running = await startApp(adapter, { imports: [CorsModule.forRoot({ origin: [APP] })], providers: [OwnCorsGateway] }, withCorsAdapter);
    try {
      expect(running.logger.cors('warn')).toEqual([
        "OwnCorsGateway sets socket.io's own cors option, another CORS layer: CorsIoAdapter ignores it and applies the CorsModule policy of each gateway instead. " +
          'Remove the cors option from @WebSocketGateway().',
      ]);
      // With socket.io's `cors: { origin: '*' }` every origin would get `*` and the preflight 204.
      const preflight = await send(running.url, 'OPTIONS', engineUrl('transport=polling'), { Origin: EVIL, 'Access-Control-Request-Method': 'POST' });
      expect([preflight.status, corsHeaders(preflight)]).toEqual([403, {}]);
      const handshake = await send(running.url, 'GET', engineUrl('transport=polling'), { Origin: APP });
      expect([handshake.status, corsHeaders(handshake)]).toEqual([200, { 'access-control-allow-origin': [APP] }]);
    } finally {
      await running.close();
    }
  });

  it('logRoutes lists gateways beside routes', async () => {
    const running = await startApp(
      adapter,
      { imports: [CorsModule.forRoot({ origin: [APP], policies: { partners: { origin: ['https://partner.example.com'], credentials: true } }, logRoutes: true })], providers: [ConnectionLog, ChatGateway, PartnersGateway] },
      withCorsAdapter,
    );
    try {
      const table = running.logger.cors('log').find((line) => line.startsWith('CORS policies:'))!.split('\n');
      expect(table.slice(1).map((line) => line.split(/ {2,}/))).toEqual([
        ['route', 'handler', 'origins', 'credentials', 'methods', 'max-age', 'CORS from', 'from'],
        ['WS /socket.io /', 'ChatGateway', APP, 'no', 'GET,POST', '-', 'handshake (socket.io)', 'origin=module'],
        ['WS /socket.io /partners', 'PartnersGateway', 'https://partner.example.com', 'yes', 'GET,POST', '-', 'handshake (socket.io)', 'origin=policy:partners credentials=policy:partners'],
      ]);
    } finally {
      await running.close();
    }
  });
});
