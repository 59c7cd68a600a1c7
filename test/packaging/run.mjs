#!/usr/bin/env node
/* global console, process, setTimeout, clearTimeout */
/**
 * Packaging test: packs the built library (`npm run build` first), checks the tarball's manifest,
 * installs it into fresh apps in a temporary folder (never through the repo's node_modules), builds
 * each with its own tsc, starts it on Express and on Fastify and makes real CORS requests, runs a
 * CommonJS app's Jest suite, and type-checks consumers under every `moduleResolution`.
 *
 * Usage: `node test/packaging/run.mjs [app ...]` (default: every app in apps/).
 * PACKAGING_DIR=dir keeps the work folder there (default: a new temporary folder, removed after a
 * passing run). npm's cache (~/.npm, or npm_config_cache) is shared, so repeated runs install offline.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileFunction } from 'node:vm';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
/**
 * The tarball may not grow past this without someone noticing (about 120 kB in December 2026;
 * 219 kB with the WebSocket entry points and the gateway build, 114 more files: raised from 200 kB;
 * 257 kB with the decision core, the versioned Redis store and the startup messages of issues 19 to
 * 21; 297 kB in a fresh clone's CI run with issue 22's reporting: events, the OpenTelemetry
 * counter, the origin report, report-only rollout; raised from 240 kB).
 */
const MAX_TARBALL_BYTES = 320_000;

/** Each app: module format, Nest major, and what is checked. */
const APPS = {
  'esm-nest12': { format: 'esm', nest: 12, serve: true, websockets: true, types: ['node16-esm', 'nodenext-esm', 'nodenext-cjs', 'bundler'] },
  'esm-nest11': { format: 'esm', nest: 11, serve: true, websockets: true },
  'cjs-nest12': { format: 'cjs', nest: 12, serve: true, websockets: true },
  // node16 in a CommonJS project cannot import Nest 12 at all (ESM-only), so it is checked with Nest 11.
  'cjs-nest11': { format: 'cjs', nest: 11, serve: true, websockets: true, types: ['node16-cjs', 'nodenext-cjs', 'node10'] },
  'jest-cjs-nest11': { format: 'cjs', nest: 11, jest: true },
};

const APP = 'https://app.example.com';
const ADMIN = 'https://admin.example.com';
const TENANT = 'https://acme.tenants.example.com';
const EVIL = 'https://evil.example';

let passed = 0;
let failed = 0;
const failures = [];

/** Records one named check; a throw or a false result fails it. */
async function check(name, fn) {
  const started = Date.now();
  try {
    const result = await fn();
    if (result === false) throw new Error('check returned false');
    passed++;
    console.log(`  ok   ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (error) {
    failed++;
    failures.push(name);
    console.log(`  FAIL ${name}\n       ${String(error?.stack ?? error).split('\n').slice(0, 6).join('\n       ')}`);
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

function assertEqual(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

/** Runs a command to completion; throws with its output when it fails. */
function run(command, args, options = {}) {
  const started = Date.now();
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options, env: { ...process.env, ...options.env } });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}\n${output.slice(-4000)}`);
  return { stdout: result.stdout, stderr: result.stderr, output, seconds: (Date.now() - started) / 1000 };
}

/** Every file below `dir`, as paths relative to it. */
function filesBelow(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

// ---------------------------------------------------------------------------------------------
// The tarball and its manifest

function pack(work) {
  assert(existsSync(join(repo, 'dist/index.js')) && existsSync(join(repo, 'dist/cjs/index.js')), 'dist/ is missing: run `npm run build` first');
  const { stdout } = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: repo });
  const [info] = JSON.parse(stdout);
  return { ...info, path: join(work, info.filename) };
}

/** Bare specifiers and relative imports of one compiled file (static, dynamic and require). */
function importsOf(source) {
  const specifiers = new Set();
  const patterns = [
    /\bfrom\s*['"]([\w@./:-]+)['"]/g,
    /^\s*import\s*['"]([\w@./:-]+)['"]/gm,
    /\bimport\s*\(\s*['"]([\w@./:-]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([\w@./:-]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of source.matchAll(pattern)) specifiers.add(match[1]);
  return [...specifiers];
}

const packageName = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

async function checkManifest(tarball, work) {
  console.log(`\n== manifest of ${tarball.filename}: ${tarball.size} bytes packed, ${tarball.unpackedSize} unpacked, ${tarball.files.length} files`);
  const paths = tarball.files.map((f) => f.path);

  await check('ships only dist/, package.json, README.md and LICENSE', () => {
    const stray = paths.filter((p) => !/^(dist\/.+|package\.json|README\.md|LICENSE(\.md)?)$/.test(p));
    assertEqual(stray, [], 'files outside the allowed set');
  });
  await check('nothing from test/, sample/, bench/, lib/ sources, specs or build info ships', () => {
    const bad = paths.filter((p) => /^(test|sample|sample-dist|bench|lib|build-check|\.ci)\//.test(p) || /\.spec\.|\.tsbuildinfo$|(^|\/)test\//.test(p));
    assertEqual(bad, [], 'files that must not ship');
  });
  await check('every file in dist/ is built from a source that is in lib/ now (no stale build output)', () => {
    const stale = paths
      .filter((p) => p.startsWith('dist/') && p !== 'dist/cjs/package.json')
      .filter((p) => !existsSync(join(repo, 'lib', p.replace(/^dist\/(cjs\/)?/, '').replace(/(\.d)?\.(js|ts)(\.map)?$/, '.ts'))));
    assertEqual(stale, [], 'files without a source (rebuild from a clean dist/)');
  });
  await check(`tarball is at most ${MAX_TARBALL_BYTES} bytes (it is ${tarball.size})`, () => tarball.size <= MAX_TARBALL_BYTES);

  const unpacked = join(work, 'unpacked');
  mkdirSync(unpacked, { recursive: true });
  run('tar', ['-xzf', tarball.path, '-C', unpacked]);
  const root = join(unpacked, 'package');
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const declared = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]);
  const shipped = new Set(filesBelow(root));
  const jsFiles = [...shipped].filter((p) => p.endsWith('.js'));

  await check('every runtime import in dist is a Node built-in, a declared dependency or peer, or a shipped file', () => {
    const problems = [];
    for (const file of jsFiles) {
      for (const specifier of importsOf(readFileSync(join(root, file), 'utf8'))) {
        if (specifier.startsWith('.')) {
          const target = relative(root, resolve(root, dirname(file), specifier));
          if (!shipped.has(target)) problems.push(`${file}: ${specifier} (not in the tarball)`);
        } else if (!isBuiltin(specifier) && !declared.has(packageName(specifier))) {
          problems.push(`${file}: ${specifier} (not a dependency or peer)`);
        }
      }
    }
    assertEqual(problems, [], 'undeclared imports');
  });
  await check('optional peers are imported only by the entry point that needs them (ioredis: nestjs-cors/redis, socket.io and ws adapters: nestjs-cors/socket.io, nestjs-cors/ws)', () => {
    const entries = { ioredis: /(^|\/)redis\//, '@nestjs/platform-socket.io': /(^|\/)socket\.io\//, '@nestjs/platform-ws': /(^|\/)ws\//, '@nestjs/websockets': /^$/ };
    for (const [peer, folder] of Object.entries(entries)) {
      const users = jsFiles.filter((f) => importsOf(readFileSync(join(root, f), 'utf8')).some((s) => packageName(s) === peer));
      assert(users.every((f) => folder.test(f)), `${peer} imported by ${users.join(', ')}`);
    }
  });
  await check('every exports target, main and types exist in the tarball', () => {
    const targets = [manifest.main, manifest.types];
    const walk = (value) => (typeof value === 'string' ? targets.push(value) : Object.values(value).forEach(walk));
    walk(manifest.exports);
    const missing = targets.filter((t) => !shipped.has(relative('.', t)));
    assertEqual(missing, [], 'missing targets');
  });
  await check('the CommonJS build is CommonJS: a "type": "commonjs" marker and no import/export/import.meta in any file', () => {
    assertEqual(JSON.parse(readFileSync(join(root, 'dist/cjs/package.json'), 'utf8')), { type: 'commonjs' }, 'dist/cjs/package.json');
    const cjsFiles = jsFiles.filter((f) => f.startsWith('dist/cjs/'));
    assert(cjsFiles.length > 10, 'no CommonJS files');
    for (const file of cjsFiles) compileFunction(readFileSync(join(root, file), 'utf8'), ['exports', 'require', 'module', '__filename', '__dirname'], { filename: file });
  });
  await check('the public API is fully typed: no `any` in any shipped declaration', () => {
    const withAny = [...shipped]
      .filter((p) => p.endsWith('.d.ts'))
      .filter((p) => /\bany\b/.test(readFileSync(join(root, p), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '').replace(/'[^'\n]*'|"[^"\n]*"/g, "''")));
    assertEqual(withAny, [], 'declarations with any');
  });
  await check('every ESM file has a CommonJS twin with types', () => {
    const esm = jsFiles.filter((f) => !f.startsWith('dist/cjs/'));
    const missing = esm.flatMap((f) => [f, f.replace(/\.js$/, '.d.ts')].map((p) => p.replace(/^dist\//, 'dist/cjs/'))).filter((p) => !shipped.has(p));
    assertEqual(missing, [], 'missing CommonJS files');
  });
}

// ---------------------------------------------------------------------------------------------
// HTTP

/** One request with exactly these headers; every response header line, names lowercased. */
function send(port, method, path, headers = {}) {
  return new Promise((resolvePromise, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolvePromise({ status: res.statusCode, headers: res.headers, body }));
    });
    req.setTimeout(10_000, () => req.destroy(new Error(`${method} ${path} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

const corsHeaderNames = (res) => Object.keys(res.headers).filter((h) => h.startsWith('access-control-')).sort();
const varyOf = (res) => String(res.headers.vary ?? '').split(',').map((v) => v.trim().toLowerCase()).filter(Boolean);
const preflight = (port, path, origin, method, requestHeaders) =>
  send(port, 'OPTIONS', path, { Origin: origin, 'Access-Control-Request-Method': method, ...(requestHeaders ? { 'Access-Control-Request-Headers': requestHeaders } : {}) });

/** Starts `node dist/main.js` and resolves once it printed its port. */
function startApp(dir, env) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['dist/main.js'], { cwd: dir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = { stdout: '', stderr: '' };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no port printed within 30 s\n${output.stdout}${output.stderr}`));
    }, 30_000);
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      output.stdout += chunk;
      const line = output.stdout.split('\n').find((l) => l.startsWith('{"listening"'));
      if (line) {
        clearTimeout(timer);
        const stop = () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done(child.exitCode);
            child.once('exit', (code, signal) => done(code ?? signal));
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 5000).unref();
          });
        resolvePromise({ ...JSON.parse(line), output, stop });
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk) => (output.stderr += chunk));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`app exited ${code} before listening\n${output.stdout}${output.stderr}`));
    });
  });
}

async function checkServedApp(name, dir, adapter) {
  const label = `${name} on ${adapter}`;
  let app;
  await check(`${label}: starts (node dist/main.js)`, async () => {
    app = await startApp(dir, { ADAPTER: adapter });
    assertEqual(app.routes, 3, 'routes reported by CorsPolicyService.getRoutes()');
  });
  if (!app) return;
  const { listening: port } = app;
  try {
    await check(`${label}: allowed preflight gets 204 with the exact headers`, async () => {
      const res = await preflight(port, '/items/1', APP, 'GET', 'X-Api-Key');
      assertEqual(res.status, 204, 'status');
      assertEqual(corsHeaderNames(res), ['access-control-allow-credentials', 'access-control-allow-headers', 'access-control-allow-methods', 'access-control-allow-origin', 'access-control-max-age'], 'CORS headers');
      assertEqual([res.headers['access-control-allow-origin'], res.headers['access-control-allow-credentials'], res.headers['access-control-allow-methods'], res.headers['access-control-allow-headers'], res.headers['access-control-max-age']], [APP, 'true', 'GET', 'x-api-key', '600'], 'values');
      assertEqual(varyOf(res), ['origin', 'access-control-request-method', 'access-control-request-headers'], 'Vary');
      assertEqual(res.body, '', 'body');
    });
    await check(`${label}: preflight from a subdomain pattern is allowed`, async () => {
      const res = await preflight(port, '/items/1', TENANT, 'GET');
      assertEqual([res.status, res.headers['access-control-allow-origin']], [204, TENANT], 'status and origin');
    });
    await check(`${label}: refused preflight gets 403, empty body, no Access-Control-* header`, async () => {
      const res = await preflight(port, '/items/1', EVIL, 'GET');
      assertEqual([res.status, corsHeaderNames(res), res.body], [403, [], ''], 'status, CORS headers, body');
    });
    await check(`${label}: the handler's @Cors() policy judges the DELETE preflight`, async () => {
      const admin = await preflight(port, '/items/1', ADMIN, 'DELETE');
      assertEqual([admin.status, admin.headers['access-control-allow-origin'], admin.headers['access-control-allow-credentials'], admin.headers['access-control-allow-methods']], [204, ADMIN, 'true', 'DELETE'], 'admin preflight');
      const app = await preflight(port, '/items/1', APP, 'DELETE');
      assertEqual([app.status, corsHeaderNames(app)], [403, []], 'module origin on the admin-only route');
    });
    await check(`${label}: allowed actual request gets origin, credentials, exposed headers and Vary`, async () => {
      const res = await send(port, 'GET', '/items/1', { Origin: APP });
      assertEqual(res.status, 200, 'status');
      assertEqual(corsHeaderNames(res), ['access-control-allow-credentials', 'access-control-allow-origin', 'access-control-expose-headers'], 'CORS headers');
      assertEqual([res.headers['access-control-allow-origin'], res.headers['access-control-allow-credentials'], res.headers['access-control-expose-headers']], [APP, 'true', 'X-Request-Id'], 'values');
      assert(varyOf(res).includes('origin'), `Vary ${res.headers.vary}`);
      assertEqual([res.headers['x-request-id'], res.body], ['r-1', '{"id":1}'], 'handler output');
    });
    await check(`${label}: refused actual request still runs the handler, with no Access-Control-* header`, async () => {
      const res = await send(port, 'GET', '/items/1', { Origin: EVIL });
      assertEqual([res.status, corsHeaderNames(res), res.body], [200, [], '{"id":1}'], 'status, CORS headers, body');
      assert(varyOf(res).includes('origin'), `Vary ${res.headers.vary}`);
    });
    await check(`${label}: a @Cors(false) controller gets no CORS header and no Vary`, async () => {
      const res = await send(port, 'GET', '/health', { Origin: APP });
      assertEqual([res.status, corsHeaderNames(res), res.headers.vary], [200, [], undefined], 'status, CORS headers, Vary');
    });
    await check(`${label}: debug logging names the refusals; no router fallback warning`, async () => {
      const log = app.output.stdout + app.output.stderr;
      assert(/Refused preflight for GET \/items\/1 from "https:\/\/evil\.example"/.test(log), 'no refusal in the debug log');
      assert(!log.includes('Fastify has no findRoute()'), "the library could not use Fastify's router");
      assert(!/\bERROR\b/.test(log), `errors logged:\n${log}`);
    });
  } finally {
    await check(`${label}: stops on SIGTERM`, async () => assertEqual(await app.stop(), 0, 'exit code'));
  }
}

// ---------------------------------------------------------------------------------------------
// Apps

function installApp(name, work, tarball) {
  const dir = join(work, name);
  cpSync(join(here, 'apps', name), dir, { recursive: true });
  mkdirSync(join(dir, 'src'), { recursive: true });
  if (APPS[name].jest) cpSync(join(here, 'app/cors-jest.ts'), join(dir, 'src/cors.spec.ts'));
  else cpSync(join(here, 'app/main.ts'), join(dir, 'src/main.ts'));
  const { seconds } = run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', tarball.path], { cwd: dir });
  console.log(`  (installed in ${seconds.toFixed(1)} s)`);
  return dir;
}

async function checkResolution(name, dir) {
  const installed = join(dir, 'node_modules/nestjs-cors');
  await check(`${name}: nestjs-cors is installed from the tarball (a real folder, outside the repo)`, () => {
    assert(!lstatSync(installed).isSymbolicLink(), 'a symlink');
    assert(!realpathSync(installed).startsWith(repo + '/'), 'inside the repo');
    assert(!existsSync(join(installed, 'lib')) && !existsSync(join(installed, 'test')), 'sources were installed');
  });
  await check(`${name}: exports resolve for import and for require, and both builds export the same names`, () => {
    const script = `
      import { createRequire } from 'node:module';
      const require = createRequire(process.cwd() + '/');
      const rel = (p) => p.replace(/^file:\\/\\//, '').split('/node_modules/nestjs-cors/')[1];
      const esm = await import('nestjs-cors');
      const cjs = require('nestjs-cors');
      const esmRedis = await import('nestjs-cors/redis');
      const cjsRedis = require('nestjs-cors/redis');
      console.log(JSON.stringify({
        import: [rel(import.meta.resolve('nestjs-cors')), rel(import.meta.resolve('nestjs-cors/redis')), rel(import.meta.resolve('nestjs-cors/package.json'))],
        require: [rel(require.resolve('nestjs-cors')), rel(require.resolve('nestjs-cors/redis')), rel(require.resolve('nestjs-cors/package.json'))],
        names: [Object.keys(esm).filter((k) => k !== 'default' && k !== 'module.exports').sort(), Object.keys(cjs).sort()],
        redis: [Object.keys(esmRedis).filter((k) => k !== 'default' && k !== 'module.exports').sort(), Object.keys(cjsRedis).sort()],
      }));`;
    const out = JSON.parse(run(process.execPath, ['--input-type=module', '-e', `import 'reflect-metadata';${script}`], { cwd: dir }).stdout);
    assertEqual(out.import, ['dist/index.js', 'dist/redis/index.js', 'package.json'], 'import targets');
    assertEqual(out.require, ['dist/cjs/index.js', 'dist/cjs/redis/index.js', 'package.json'], 'require targets');
    assertEqual(out.names[1], out.names[0], 'CommonJS names vs ESM names');
    // Exactly the runtime values of docs/api/nestjs-cors.api.md: no metadata key or injection token.
    assertEqual(out.names[0], ['CORS_DEFAULT_POLICY', 'Cors', 'CorsConfigurationError', 'CorsModule', 'CorsOriginStoreError', 'CorsPolicyService'], 'nestjs-cors names');
    assertEqual(out.redis[1], out.redis[0], 'nestjs-cors/redis names');
    assertEqual(out.redis[0], ['RedisOriginStore'], 'nestjs-cors/redis names');
  });
}

async function checkBuild(name, dir) {
  await check(`${name}: builds with its own tsc (${APPS[name].format === 'cjs' ? 'module commonjs' : 'module nodenext, ESM'})`, () => {
    const tsc = join(dir, 'node_modules/.bin/tsc');
    const version = run(tsc, ['--version'], { cwd: dir }).stdout.trim();
    run(tsc, ['-p', '.'], { cwd: dir });
    const compiled = readFileSync(join(dir, 'dist/main.js'), 'utf8');
    if (APPS[name].format === 'cjs') assert(compiled.includes('require("nestjs-cors")') && !/^import /m.test(compiled), 'not compiled to require()');
    else assert(/^import .* from 'nestjs-cors';$/m.test(compiled), 'not compiled to import');
    const nest = JSON.parse(readFileSync(join(dir, 'node_modules/@nestjs/core/package.json'), 'utf8')).version;
    assert(nest.startsWith(`${APPS[name].nest}.`), `@nestjs/core ${nest}`);
    console.log(`  (${version}, @nestjs/core ${nest})`);
  });
  await check(`${name}: an invalid configuration is refused at startup with CorsConfigurationError`, () => {
    const { stdout } = run(process.execPath, ['dist/main.js'], { cwd: dir, env: { CORS_BAD_CONFIG: '1' } });
    assertEqual(JSON.parse(stdout.trim().split('\n').pop()), { refused: true, problems: ['non-canonical-origin'] }, 'startup result');
  });
}

/**
 * The WebSocket entry points of the installed tarball, loaded the app's way (import or require):
 * a socket.io and a ws gateway behind CorsIoAdapter / CorsWsAdapter, on Express and Fastify; the
 * upgrade from the allowed origin gets 101, from another origin 403.
 */
async function checkWebSockets(name, dir) {
  await check(`${name}: nestjs-cors/socket.io and nestjs-cors/ws (${APPS[name].format === 'cjs' ? 'require' : 'import'}) refuse an upgrade from another origin with 403 on both adapters`, () => {
    const load = APPS[name].format === 'cjs' ? 'async (name) => require(name)' : '(name) => import(name)';
    const script = `
      const load = ${load};
      (async () => {
        await load('reflect-metadata');
        const { Module } = await load('@nestjs/common');
        const { NestFactory } = await load('@nestjs/core');
        const { FastifyAdapter } = await load('@nestjs/platform-fastify');
        const { ExpressAdapter } = await load('@nestjs/platform-express');
        const { WebSocketGateway } = await load('@nestjs/websockets');
        const { CorsModule } = await load('nestjs-cors');
        const { CorsIoAdapter } = await load('nestjs-cors/socket.io');
        const { CorsWsAdapter } = await load('nestjs-cors/ws');
        const { connect } = await load('node:net');
        const status = (port, path, origin) => new Promise((resolve, reject) => {
          const socket = connect(port, '127.0.0.1', () => socket.write(['GET ' + path + ' HTTP/1.1', 'Host: 127.0.0.1:' + port, 'Connection: Upgrade', 'Upgrade: websocket',
            'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', 'Origin: ' + origin, '', ''].join('\\r\\n')));
          socket.once('data', (chunk) => { socket.destroy(); resolve(Number(String(chunk).slice(9, 12))); });
          socket.on('error', reject);
        });
        const results = {};
        for (const adapter of ['express', 'fastify']) {
          for (const kind of ['socket.io', 'ws']) {
            class Gateway {}
            WebSocketGateway(kind === 'ws' ? { path: '/ws' } : {})(Gateway);
            class AppModule {}
            Module({ imports: [CorsModule.forRoot({ origin: ['https://app.example.com'] })], providers: [Gateway] })(AppModule);
            const app = await NestFactory.create(AppModule, adapter === 'fastify' ? new FastifyAdapter() : new ExpressAdapter(), { logger: false, forceCloseConnections: true });
            app.useWebSocketAdapter(kind === 'ws' ? new CorsWsAdapter(app) : new CorsIoAdapter(app));
            await app.listen(0, '127.0.0.1');
            const { port } = app.getHttpServer().address();
            const path = kind === 'ws' ? '/ws' : '/socket.io/?EIO=4&transport=websocket';
            results[adapter + ' ' + kind] = [await status(port, path, 'https://app.example.com'), await status(port, path, 'https://evil.example')];
            await app.close();
          }
        }
        console.log(JSON.stringify(results));
      })().catch((error) => { console.error(error); process.exit(1); });`;
    const file = join(dir, APPS[name].format === 'cjs' ? 'ws-check.cjs' : 'ws-check.mjs');
    writeFileSync(file, script);
    const { stdout } = run(process.execPath, [file], { cwd: dir });
    const results = JSON.parse(stdout.trim().split('\n').pop());
    const expected = { 'express socket.io': [101, 403], 'express ws': [101, 403], 'fastify socket.io': [101, 403], 'fastify ws': [101, 403] };
    assertEqual(results, expected, 'upgrade statuses (allowed origin, refused origin)');
  });
}

async function checkJestApp(name, dir) {
  await check(`${name}: its Jest suite (CommonJS mode, ts-jest) passes on Express and Fastify`, () => {
    const { output } = run(join(dir, 'node_modules/.bin/jest'), ['--ci', '--colors=false'], { cwd: dir, env: { NODE_OPTIONS: '' } });
    const tests = /Tests:\s+(\d+) passed, (\d+) total/.exec(output);
    assert(tests && tests[1] === tests[2] && Number(tests[1]) === 10, `unexpected Jest summary:\n${output.slice(-1500)}`);
  });
}

/** Consumer projects for the type checks: what `import 'nestjs-cors'` must resolve to under each. */
const TYPE_PROJECTS = {
  'node16-esm': { type: 'module', options: { module: 'node16', moduleResolution: 'node16' }, expect: 'dist/index.d.ts' },
  'node16-cjs': { type: 'commonjs', options: { module: 'node16', moduleResolution: 'node16' }, expect: 'dist/cjs/index.d.ts' },
  'nodenext-esm': { type: 'module', options: { module: 'nodenext', moduleResolution: 'nodenext' }, expect: 'dist/index.d.ts' },
  'nodenext-cjs': { type: 'commonjs', options: { module: 'nodenext', moduleResolution: 'nodenext' }, expect: 'dist/cjs/index.d.ts' },
  bundler: { type: 'module', options: { module: 'esnext', moduleResolution: 'bundler' }, expect: 'dist/index.d.ts' },
  // Ignores `exports`: only the root entry, through `types`.
  node10: { type: 'commonjs', options: { module: 'commonjs', moduleResolution: 'node10' }, expect: 'dist/cjs/index.d.ts', file: 'check-root-only.ts' },
};

/** Type-checks types/check.ts against the installed package (and its peers' types, skipLibCheck off). */
async function checkTypes(name, dir) {
  for (const key of APPS[name].types) {
    const project = TYPE_PROJECTS[key];
    await check(`${name}: types resolve under ${key} (${project.expect}), with skipLibCheck off`, () => {
      const folder = join(dir, `types-${key}`);
      mkdirSync(folder, { recursive: true });
      // Apps with the WebSocket peers also check nestjs-cors/socket.io and nestjs-cors/ws.
      const files = project.file ? [project.file] : ['check.ts', ...(APPS[name].websockets ? ['check-websockets.ts'] : [])];
      for (const file of files) cpSync(join(here, 'types', file), join(folder, file));
      writeFileSync(join(folder, 'package.json'), JSON.stringify({ private: true, type: project.type }));
      const compilerOptions = { ...project.options, target: 'ES2022', strict: true, noEmit: true, skipLibCheck: false, types: ['node'], experimentalDecorators: true };
      writeFileSync(join(folder, 'tsconfig.json'), JSON.stringify({ compilerOptions, files }, null, 2));
      const { stdout } = run(join(dir, 'node_modules/.bin/tsc'), ['-p', '.', '--explainFiles'], { cwd: folder });
      assert(stdout.includes(`node_modules/nestjs-cors/${project.expect}`), `${project.expect} was not used:\n${stdout.split('\n').filter((l) => l.includes('nestjs-cors')).join('\n')}`);
    });
  }
}

async function main() {
  const only = process.argv.slice(2);
  const names = only.length ? only : Object.keys(APPS);
  for (const name of names) assert(APPS[name], `unknown app ${name}`);
  const keep = Boolean(process.env.PACKAGING_DIR);
  const work = keep ? resolve(process.env.PACKAGING_DIR) : mkdtempSync(join(tmpdir(), 'nestjs-cors-packaging-'));
  if (keep) {
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
  }
  const started = Date.now();
  console.log(`== packaging test in ${work}`);
  const tarball = pack(work);
  await checkManifest(tarball, work);

  for (const name of names) {
    console.log(`\n== ${name} (${APPS[name].format}, Nest ${APPS[name].nest})`);
    let dir;
    await check(`${name}: npm install of the tarball and pinned dependencies`, () => {
      dir = installApp(name, work, tarball);
    });
    if (!dir) continue;
    await checkResolution(name, dir);
    if (APPS[name].serve) {
      await checkBuild(name, dir);
      for (const adapter of ['express', 'fastify']) await checkServedApp(name, dir, adapter);
    }
    if (APPS[name].websockets) await checkWebSockets(name, dir);
    if (APPS[name].jest) await checkJestApp(name, dir);
    if (APPS[name].types) await checkTypes(name, dir);
  }

  console.log(`\n== packaging: tarball ${tarball.size} bytes; ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (failures.length) console.log(`failed:\n  ${failures.join('\n  ')}`);
  console.log(`${passed} passed, ${failed} failed`);
  if (!failed && !keep) rmSync(work, { recursive: true, force: true });
  process.exitCode = failed ? 1 : 0;
}

await main();
