/* global process, console */
/**
 * What keeping per-request state on an Express response costs (`node bench/response-state.js`),
 * timed the way a server meets it: one response at a time, made as Express makes them, given its
 * state and dropped, so a WeakMap holds only a few live entries in a table that has moved to the
 * old generation. (Timing a batch of responses alive at once, as this bench did before
 * 2026-12-06, keeps reallocating the table in the young generation, where an insert is cheap:
 * it said 0.12 us for a WeakMap entry where a live server spends 1.3 us.)
 *
 * Responses are a Node `ServerResponse` whose prototype is replaced (`Object.setPrototypeOf(res,
 * app.response)`, as Express does), which leaves each with a hidden class (map) of its own: V8
 * builds another map for every property added to one, and no inline cache knows its map. Each
 * operation is timed alone (`process.hrtime.bigint()` on both sides, less the same pair around
 * nothing); median ns per operation over 7 batches of 100,000 responses, after one not counted.
 */
import { ServerResponse } from 'node:http';
import { median } from './stats.js';

const appResponse = Object.create(ServerResponse.prototype);
const STATE = Symbol('state');
const states = new WeakMap();
const BATCH = 100_000;

/** What `response-seal.ts` does to keep `Vary` on a request's headers: a private field added to them. */
class FieldsOnto {
  constructor(target) {
    return target;
  }
}
class Marked extends FieldsOnto {
  #state = 1;
  static has(target) {
    return #state in target;
  }
}

function nodeResponse() {
  // Node builds every request's headers object alike (one hidden class for one set of names).
  return new ServerResponse({ method: 'GET', httpVersionMajor: 1, httpVersionMinor: 1, headers: { host: 'localhost', accept: '*/*' } });
}

function expressLikeResponse() {
  const response = nodeResponse();
  Object.setPrototypeOf(response, appResponse);
  response.locals = Object.create(null);
  return response;
}

/** Each operation, on the kind of response it is timed on. */
const ways = {
  nothing: [expressLikeResponse, () => undefined],
  'property on the response': [expressLikeResponse, (response) => void (response[STATE] = 1)],
  'WeakMap entry': [expressLikeResponse, (response) => void states.set(response, 1)],
  'read req.headers, private field on it': [expressLikeResponse, (response) => void new Marked(response.req.headers)],
  'property of res.locals': [expressLikeResponse, (response) => void (response.locals[STATE] = 1)],
  'read req.headers': [expressLikeResponse, (response) => response.req.headers],
  'read headersSent': [expressLikeResponse, (response) => response.headersSent],
  'read headersSent, Node response': [nodeResponse, (response) => response.headersSent],
  'Object.getPrototypeOf': [expressLikeResponse, (response) => Object.getPrototypeOf(response) === appResponse],
  'Object.hasOwn(writeHead)': [expressLikeResponse, (response) => Object.hasOwn(response, 'writeHead')],
};

const samples = Object.fromEntries(Object.keys(ways).map((name) => [name, []]));
for (let batch = 0; batch <= 7; batch++) {
  for (const [name, [make, keep]] of Object.entries(ways)) {
    let spent = 0n;
    for (let i = 0; i < BATCH; i++) {
      const response = make();
      const started = process.hrtime.bigint();
      keep(response);
      spent += process.hrtime.bigint() - started;
    }
    if (batch > 0) samples[name].push(Number(spent) / BATCH);
  }
}
const overhead = median(samples.nothing);
console.log(`timing overhead ${overhead.toFixed(0)} ns per operation (subtracted below)`);
for (const [name, values] of Object.entries(samples)) {
  if (name === 'nothing') continue;
  const net = values.map((v) => v - overhead);
  console.log(`${name.padEnd(32)} ${median(net).toFixed(0).padStart(6)} ns (batches ${Math.min(...net).toFixed(0)} to ${Math.max(...net).toFixed(0)})`);
}
