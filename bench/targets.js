/** The targets of issue 4: `module` throughput relative to a baseline, per adapter and scenario. */
export const TARGETS = [
  { scenario: 'allowed', baseline: 'none', express: 0.95, fastify: 0.9 },
  { scenario: 'allowed', baseline: 'enableCors', express: 1.0, fastify: 1.25 },
  { scenario: 'noOrigin', baseline: 'none', express: 0.97, fastify: 0.9 },
  { scenario: 'noOrigin', baseline: 'enableCors', express: 1.0, fastify: 1.05 },
  { scenario: 'preflight', baseline: 'enableCors', express: 1.0, fastify: 1.0 },
  { scenario: 'refused', baseline: 'none', express: 0.95, fastify: 0.9 },
  { scenario: 'refused', baseline: 'enableCors', express: 1.0, fastify: 1.0 },
];
