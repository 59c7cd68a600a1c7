#!/usr/bin/env bash
# The e2e suite (test/e2e, Express and Fastify) against Nest 11: installs the pinned Nest 11
# packages of test/compat/nest11/package-lock.json into test/compat/nest11/node_modules and runs
# Jest with test/compat/jest.nest11.config.js, which takes @nestjs/*, express, fastify, rxjs and
# reflect-metadata from there. The repo's own (Nest 12) setup is untouched.
set -euo pipefail
cd "$(dirname "$0")/../.."

echo "== nest 11: install (test/compat/nest11)"
npm ci --prefix test/compat/nest11 --no-audit --no-fund --prefer-offline --ignore-scripts --loglevel=error
echo "== nest 11: e2e suite"
NODE_OPTIONS=--experimental-vm-modules npx jest -c test/compat/jest.nest11.config.js "$@"
