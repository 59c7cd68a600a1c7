/* global process, console */
/**
 * What keeping per-request state on an Express response costs, three ways (`node
 * bench/response-state.js`): a property added to the response, an entry in a WeakMap keyed by it,
 * and a property of its `res.locals` (a null-prototype object); and what reading one of its
 * properties costs, beside the same read on a response whose prototype was left alone. Responses
 * are made as Express makes them: a Node `ServerResponse` whose prototype is replaced
 * (`Object.setPrototypeOf(res, app.response)`), which leaves each one with a hidden class (map) of
 * its own, so that V8 builds another map for every property added to one and no inline cache
 * knows its map. Median ns per operation over 7 batches of 100,000 fresh responses, after one
 * batch not counted.
 */
import { ServerResponse } from 'node:http';
import { median } from './stats.js';

const appResponse = Object.create(ServerResponse.prototype);
const STATE = Symbol('state');
const states = new WeakMap();
const BATCH = 100_000;

function nodeResponse() {
  return new ServerResponse({ method: 'GET', httpVersionMajor: 1, httpVersionMinor: 1, headers: {} });
}

function expressLikeResponse() {
  const response = nodeResponse();
  Object.setPrototypeOf(response, appResponse);
  response.locals = Object.create(null);
  return response;
}

/** Each operation, on the kind of response it is timed on. */
const ways = {
  'property on the response': [expressLikeResponse, (response) => void (response[STATE] = 1)],
  'WeakMap entry': [expressLikeResponse, (response) => void states.set(response, 1)],
  'property of res.locals': [expressLikeResponse, (response) => void (response.locals[STATE] = 1)],
  'read headersSent': [expressLikeResponse, (response) => response.headersSent],
  'read headersSent, Node response': [nodeResponse, (response) => response.headersSent],
  'Object.getPrototypeOf': [expressLikeResponse, (response) => Object.getPrototypeOf(response) === appResponse],
  'Object.hasOwn(writeHead)': [expressLikeResponse, (response) => Object.hasOwn(response, 'writeHead')],
};

const samples = Object.fromEntries(Object.keys(ways).map((name) => [name, []]));
for (let batch = 0; batch <= 7; batch++) {
  for (const [name, [make, keep]] of Object.entries(ways)) {
    const responses = Array.from({ length: BATCH }, make);
    const started = process.hrtime.bigint();
    for (const response of responses) keep(response);
    if (batch > 0) samples[name].push(Number(process.hrtime.bigint() - started) / BATCH);
  }
}
for (const [name, values] of Object.entries(samples)) {
  console.log(`${name.padEnd(32)} ${median(values).toFixed(0).padStart(6)} ns (batches ${Math.min(...values).toFixed(0)} to ${Math.max(...values).toFixed(0)})`);
}
