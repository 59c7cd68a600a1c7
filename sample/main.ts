import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { CorsIoAdapter } from 'nestjs-cors/socket.io';
import { AppModule } from './app.module.js';
import { startPlayground } from './playground/playground-server.js';
import { withDeadline } from './shutdown/close-server.js';

/**
 * Starts the sample API (ADAPTER=fastify for Fastify) and, on a second origin, the CORS
 * playground page (PLAYGROUND_PORT, default PORT + 1), and prints requests to try. Ctrl-C or
 * SIGTERM closes both at once, open browser tabs or not.
 */
async function bootstrap(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  const playgroundPort = Number(process.env.PLAYGROUND_PORT ?? port + 1);
  const adapter = process.env.ADAPTER === 'fastify' ? new FastifyAdapter() : new ExpressAdapter();
  // forceCloseConnections: app.close() drops open connections instead of waiting for them.
  const app = await NestFactory.create(AppModule, adapter, { forceCloseConnections: true });
  // socket.io gateways (LiveGateway) under CorsModule: handshakes from other origins are checked.
  app.useWebSocketAdapter(new CorsIoAdapter(app));
  await app.listen(port, '127.0.0.1');
  const api = `http://127.0.0.1:${port}`;
  const playground = await startPlayground(app, { apiUrl: api, port: playgroundPort });
  const lines = [
    `nestjs-cors sample (${adapter.getType()}) on ${api}`,
    '',
    `Playground: open ${playground.url} in a browser (another origin than the API) and press "Run all".`,
    '',
    'Try:',
    `  curl -i ${api}/catalog -H 'Origin: https://app.example.com'                 # module defaults: allowed`,
    `  curl -i ${api}/catalog -H 'Origin: https://evil.example.net'                # refused: no Access-Control-* headers`,
    `  curl -i -X OPTIONS ${api}/catalog/1 -H 'Origin: https://app.example.com' -H 'Access-Control-Request-Method: PUT' -H 'Access-Control-Request-Headers: content-type'`,
    `  curl -i -X OPTIONS ${api}/catalog/1 -H 'Origin: https://app.example.com' -H 'Access-Control-Request-Method: DELETE'   # 403: DELETE is admin-only`,
    `  curl -i ${api}/partners/feed -H 'Origin: https://partner.example.org'      # named policy`,
    `  curl -i ${api}/widgets -H 'Origin: https://clock.widgets.example.com'      # subdomain pattern`,
    `  curl -i ${api}/storefront/config -H 'Origin: https://shop.acme.test'       # async check via TenantDirectory`,
    `  curl -i ${api}/health -H 'Origin: https://app.example.com'                 # @Cors(false)`,
    `  curl -i -X OPTIONS ${api}/admin/cors/origins -H 'Origin: https://admin.example.com' -H 'Access-Control-Request-Method: POST' -H 'Access-Control-Request-Headers: authorization,content-type'   # preflight passes before the auth guard`,
    `  curl -i -X POST ${api}/admin/cors/origins -H 'Authorization: Bearer sample-admin' -H 'Content-Type: application/json' -d '{"origin":"https://new.example.com"}'   # allow at runtime`,
    `  curl -i ${api}/catalog -H 'Origin: https://new.example.com'                # now allowed`,
    `  curl -s ${api}/admin/cors/routes -H 'Authorization: Bearer sample-admin'   # every route's effective policy`,
    `  curl -i -X OPTIONS ${api}/graphql -H 'Origin: https://app.example.com' -H 'Access-Control-Request-Method: POST' -H 'Access-Control-Request-Headers: content-type'   # Apollo through paths: policy "web", credentials`,
    `  curl -i ${api}/graphql -H 'Origin: https://app.example.com' -H 'Content-Type: application/json' -H 'Cookie: sample_user=ada' -d '{"query":"{ me widgets { name } }"}'`,
    `  curl -i -X OPTIONS ${api}/graphql -H 'Origin: https://evil.example.net' -H 'Access-Control-Request-Method: POST'   # 403: not an origin of "web"`,
    `  curl -i ${api}/assets/widgets.json -H 'Origin: https://anyone.example'      # ServeStaticModule through paths: origin '*'`,
    `  curl -i '${api}/socket.io/?EIO=4&transport=polling' -H 'Origin: https://app.example.com'   # socket.io gateway /live: handshake allowed`,
    `  curl -i '${api}/socket.io/?EIO=4&transport=polling' -H 'Origin: https://evil.example.net'  # 403: no connection reaches the gateway`,
  ];
  console.log(lines.join('\n'));
  const shutdown = async () => {
    await playground.close();
    await withDeadline('closing the sample API', app.close());
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      shutdown().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
    });
  }
}

void bootstrap();
