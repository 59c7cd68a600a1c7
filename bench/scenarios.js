/**
 * The four request shapes of the benchmark and, for every mode, the exact answer it must give
 * (status, headers that must be there with their value, headers that must be absent). A mode
 * that does not answer this way is not timed. Every request goes to the last-registered
 * controller of the app (`loadPath`), so the route-count axis measures the worst route lookup.
 */
import { request } from 'node:http';
import { CONTROLLER_COUNT, LOAD_ORIGIN, REFUSED_ORIGIN, loadPath } from './app.js';

/** The four scenarios against an app of `controllers` controllers. */
export function scenariosFor(controllers) {
  const path = loadPath(controllers);
  return [
    { id: 'allowed', title: 'cross-origin GET, allowed', method: 'GET', path, headers: { Origin: LOAD_ORIGIN } },
    {
      id: 'preflight',
      title: 'preflight (PUT, two headers)',
      method: 'OPTIONS',
      path,
      headers: { Origin: LOAD_ORIGIN, 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'content-type, authorization' },
    },
    { id: 'noOrigin', title: 'GET without Origin', method: 'GET', path, headers: {} },
    { id: 'refused', title: 'cross-origin GET, disallowed', method: 'GET', path, headers: { Origin: REFUSED_ORIGIN } },
  ];
}

/** The scenarios against the default app (20 controllers). */
export const SCENARIOS = scenariosFor(CONTROLLER_COUNT);

const NO_CORS = ['access-control-allow-origin', 'access-control-allow-credentials', 'access-control-expose-headers', 'access-control-allow-methods'];
const LIBRARY_ACTUAL_ALLOWED = {
  status: 200,
  present: {
    'access-control-allow-origin': LOAD_ORIGIN,
    'access-control-allow-credentials': 'true',
    'access-control-expose-headers': 'X-Request-Id',
    vary: 'Origin',
  },
  absent: ['access-control-allow-methods', 'access-control-max-age'],
};
const LIBRARY = {
  allowed: LIBRARY_ACTUAL_ALLOWED,
  preflight: {
    status: 204,
    present: {
      'access-control-allow-origin': LOAD_ORIGIN,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'PUT',
      'access-control-allow-headers': 'content-type, authorization',
      'access-control-max-age': '600',
      vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
    },
    absent: ['access-control-expose-headers'],
  },
  noOrigin: { status: 200, present: { vary: 'Origin' }, absent: NO_CORS },
  refused: { status: 200, present: { vary: 'Origin' }, absent: [...NO_CORS, 'access-control-allow-credentials'] },
};

/** What each mode must answer, per scenario. */
export const EXPECTED = {
  none: {
    allowed: { status: 200, present: {}, absent: [...NO_CORS, 'vary'] },
    preflight: { status: 404, present: {}, absent: NO_CORS },
    noOrigin: { status: 200, present: {}, absent: [...NO_CORS, 'vary'] },
    refused: { status: 200, present: {}, absent: [...NO_CORS, 'vary'] },
  },
  // Nest's enableCors (the `cors` package / @fastify/cors): the full lists on preflights, and
  // no Access-Control-Allow-Origin for a disallowed origin.
  enableCors: {
    allowed: LIBRARY_ACTUAL_ALLOWED,
    preflight: {
      status: 204,
      present: {
        'access-control-allow-origin': LOAD_ORIGIN,
        'access-control-allow-credentials': 'true',
        // express `cors` joins lists with ',', @fastify/cors with ', '.
        'access-control-allow-methods': ['GET,POST,PUT,DELETE', 'GET, POST, PUT, DELETE'],
        'access-control-allow-headers': ['Content-Type,Authorization', 'Content-Type, Authorization'],
        'access-control-max-age': '600',
      },
      absent: [],
    },
    noOrigin: { status: 200, present: { vary: 'Origin' }, absent: ['access-control-allow-origin'] },
    refused: { status: 200, present: { vary: 'Origin' }, absent: ['access-control-allow-origin'] },
  },
  module: LIBRARY,
  decorated: LIBRARY,
  dynamic: LIBRARY,
  observed: LIBRARY,
  reportOnly: LIBRARY,
  fixedHeaders: { allowed: LIBRARY_ACTUAL_ALLOWED },
};

/** Sends one scenario's request and returns status and headers. */
export function send(baseUrl, scenario) {
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}${scenario.path}`, { method: scenario.method, headers: scenario.headers, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Differences between an answer and what the mode must answer (a list of values: any of them); empty when correct. */
export function checkAnswer(answer, expected) {
  const problems = [];
  if (answer.status !== expected.status) problems.push(`status ${answer.status}, expected ${expected.status}`);
  for (const [name, value] of Object.entries(expected.present)) {
    const ok = Array.isArray(value) ? value.includes(answer.headers[name]) : answer.headers[name] === value;
    if (!ok) problems.push(`${name}: ${JSON.stringify(answer.headers[name])}, expected ${JSON.stringify(value)}`);
  }
  for (const name of expected.absent) {
    if (answer.headers[name] !== undefined) problems.push(`${name} must be absent, got ${JSON.stringify(answer.headers[name])}`);
  }
  return problems;
}
