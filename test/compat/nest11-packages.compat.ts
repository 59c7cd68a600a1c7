import { describe, expect, it } from '@jest/globals';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRouteOrdering } from '../../lib/internal/routing/route-specificity.js';

const nest11 = resolve(dirname(fileURLToPath(import.meta.url)), 'nest11/node_modules');
const fromHere = createRequire(import.meta.url);

/** Version and location of a package as this Jest run resolves it, starting from `require`. */
function resolved(name: string, from = fromHere): { version: string; file: string } {
  const file = from.resolve(`${name}/package.json`);
  return { version: (from(`${name}/package.json`) as { version: string }).version, file };
}

// Run only by test/compat/run-nest11.sh (jest.nest11.config.js): proves the e2e suite beside it
// really ran against Nest 11, not against the repo's Nest 12.
describe('the Nest 11 run resolves Nest 11 packages', () => {
  it.each(['@nestjs/common', '@nestjs/core', '@nestjs/testing', '@nestjs/platform-express', '@nestjs/platform-fastify'])('%s is 11.x from test/compat/nest11', (name) => {
    const { version, file } = resolved(name);
    expect(version).toMatch(/^11\./);
    expect(file.startsWith(nest11)).toBe(true);
  });

  it("Fastify (whose findRoute() the library asks) is the one Nest 11's adapter uses", () => {
    const fromPlatform = createRequire(resolved('@nestjs/platform-fastify').file);
    const fastify = resolved('fastify', fromPlatform);
    expect(fastify.version).toBe('5.11.3');
    expect(fastify.file.startsWith(nest11)).toBe(true);
  });

  it('Express is 5.x from test/compat/nest11', () => {
    const express = resolved('express', createRequire(resolved('@nestjs/platform-express').file));
    expect(express.version).toMatch(/^5\./);
    expect(express.file.startsWith(nest11)).toBe(true);
  });

  it('the library sees Nest 11: no route specificity sorter', async () => {
    expect(await loadRouteOrdering()).toEqual({});
  });
});
