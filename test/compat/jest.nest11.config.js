/**
 * The e2e suite against Nest 11: the default Jest setup (../../jest.config.js) with `@nestjs/*`,
 * their platform libraries, rxjs and reflect-metadata taken from test/compat/nest11/node_modules
 * (installed by test/compat/run-nest11.sh). Everything else, the library's source included, is
 * the same as in `npm test`, except the suites below that need Nest 12 packages.
 */
import base from '../../jest.config.js';

const nest11 = '<rootDir>/test/compat/nest11/node_modules';

export default {
  ...base,
  rootDir: '../..',
  testMatch: ['<rootDir>/test/e2e/**/*.spec.ts', '<rootDir>/test/compat/nest11-packages.compat.ts'],
  // Path policies are tested, and the sample app serves GraphQL and static files, with
  // @nestjs/graphql, @nestjs/apollo, @nestjs/mercurius, @nestjs/serve-static and @nestjs/swagger,
  // and WebSocket gateways with @nestjs/websockets and its platform packages, whose pinned
  // versions support Nest 12 only. The observability suites whose app has a gateway (its
  // handshakes are reported too) are left out for the same reason; the HTTP-only ones run.
  testPathIgnorePatterns: [
    '/node_modules/',
    '<rootDir>/test/e2e/path-policies/',
    '<rootDir>/test/e2e/sample/',
    '<rootDir>/test/e2e/websockets/',
    '<rootDir>/test/e2e/observability/(gateway-events|metrics|origin-report|report-only)\\.e2e\\.spec\\.ts$',
  ],
  moduleNameMapper: {
    '^(@nestjs/(?:common|core|testing|platform-express|platform-fastify)|express|fastify|rxjs|reflect-metadata)(/.*)?$': `${nest11}/$1$2`,
    ...base.moduleNameMapper,
  },
};
