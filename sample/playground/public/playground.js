/* global document, location, fetch, window */
// The playground page: sends each scenario from this origin (or, for the rows marked "from
// another origin", from a frame on the other origin) to the API, or connects to the sample's
// socket.io gateway, shows what the browser let the script read, and the API's log of the
// exchange (fetched from this page's own origin), and for a blocked row why: CorsModule's
// decision events about its requests.
import { connect, scenarioUrl, send } from './send.js';

const rows = new Map();
let config;
let runCounter = 0;
/** The frame on the other origin: `run(id, run)` resolves with what its script could read. */
let otherOriginFrame;

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

function requestSummary(scenario) {
  const lines = [scenario.socket ? `socket.io ${scenario.socket.transport} ${scenario.path}` : `${scenario.method} ${scenario.path}`];
  if (scenario.from === 'other-origin') lines.push(`from ${config.otherOrigin ?? 'another origin'} (a frame)`);
  for (const [name, value] of Object.entries(scenario.headers ?? {})) lines.push(`${name}: ${value}`);
  if (scenario.credentials === 'include') lines.push("credentials: 'include'");
  return element('div', { class: 'mono' }, ...lines.flatMap((line, i) => (i === 0 ? [line] : [element('br'), line])));
}

function addRow(scenario, index) {
  const run = element('button', { type: 'button', class: 'run-one' }, 'Run');
  run.addEventListener('click', () => runScenario(scenario));
  const cells = {
    verdict: element('td', { class: 'verdict-cell' }, element('span', { class: 'verdict pending' }, 'not run')),
    status: element('td', { class: 'status mono' }, ''),
    server: element('td', { class: 'server' }, ''),
  };
  const row = element(
    'tr',
    { 'data-scenario': scenario.id, 'data-outcome': 'pending' },
    element('td', {}, run),
    element('td', { class: 'title' }, element('strong', {}, `${index + 1}. ${scenario.title}`), element('span', { class: 'note' }, scenario.note)),
    element('td', { class: 'request' }, requestSummary(scenario)),
    cells.verdict,
    cells.status,
    cells.server,
  );
  rows.set(scenario.id, { row, cells });
  document.querySelector('#results tbody').append(row);
}

/**
 * Loads the frame on the other origin and resolves once it is ready. Its answers arrive as
 * messages from that origin, matched to the request by run id.
 */
function startOtherOrigin() {
  if (config.otherOrigin === null) return Promise.resolve(undefined);
  const pending = new Map();
  const frame = element('iframe', { name: 'other-origin', src: `${config.otherOrigin}/frame`, hidden: '' });
  return new Promise((resolve) => {
    window.addEventListener('message', (event) => {
      if (event.source !== frame.contentWindow || event.origin !== config.otherOrigin) return;
      if (event.data?.ready === true) {
        resolve({
          run: (id, run) => new Promise((done) => {
            pending.set(run, done);
            frame.contentWindow.postMessage({ id, run }, config.otherOrigin);
          }),
        });
      } else if (pending.has(event.data?.run)) {
        pending.get(event.data.run)(event.data.result);
        pending.delete(event.data.run);
      }
    });
    document.body.append(frame);
  });
}

function renderExchanges(exchanges) {
  if (exchanges.length === 0) return [element('div', { class: 'mono' }, 'no request reached the API')];
  return exchanges.map((exchange) => {
    const lines = [element('div', { class: 'line' }, `${exchange.method} → ${exchange.status}`)];
    for (const [name, value] of Object.entries(exchange.request)) lines.push(element('div', { class: 'sent' }, `› ${name}: ${value}`));
    const names = Object.keys(exchange.response);
    if (names.length === 0) lines.push(element('div', {}, '(no Access-Control-* or Vary header)'));
    for (const name of names) lines.push(element('div', {}, `${name}: ${exchange.response[name]}`));
    return element('div', { class: 'exchange mono' }, ...lines);
  });
}

const POLICY_WORDS = { module: 'the module defaults', inline: 'inline options', none: 'no policy' };
const policyWords = (policy) => POLICY_WORDS[policy] ?? `policy "${policy.replace(/^policy:/, '')}"`;

/** Why the browser blocked a row, in CorsModule's words: the first refusal among its decisions, or an answer without credentials. */
function whyBlocked(scenario, decisions) {
  const refused = decisions.find((d) => d.verdict === 'refused');
  if (refused) return `${refused.kind} refused by ${policyWords(refused.policy)} on ${refused.endpoint.label}: ${refused.detail} [${refused.reason}]`;
  const plain = decisions.find((d) => !d.credentials);
  if (scenario.credentials === 'include' && plain) {
    return `${plain.kind} allowed by ${policyWords(plain.policy)} on ${plain.endpoint.label}, without credentials: the browser hides the answer from a request sent with credentials`;
  }
  return decisions.length === 0 ? 'no decision of CorsModule: the request never reached it' : 'CorsModule allowed every request of this row';
}

async function runScenario(scenario) {
  const { row, cells } = rows.get(scenario.id);
  const run = `${scenario.id}-${++runCounter}`;
  row.dataset.outcome = 'running';
  cells.verdict.replaceChildren(element('span', { class: 'verdict pending' }, '…'));
  const result =
    scenario.from === 'other-origin'
      ? await (otherOriginFrame?.run(scenario.id, run) ?? { outcome: 'unavailable' })
      : scenario.socket
        ? await connect(config.api, scenario, run)
        : await send(scenario, scenarioUrl(config.api, scenario, run));
  const { exchanges, decisions } = await (await fetch(`/api/exchanges?run=${encodeURIComponent(run)}`)).json();
  const last = exchanges[exchanges.length - 1];
  cells.verdict.replaceChildren(element('span', { class: `verdict ${result.outcome}` }, result.outcome));
  if (result.outcome === 'allowed') {
    cells.status.replaceChildren(String(result.status));
    if (result.readable.length > 0) cells.verdict.append(element('div', { class: 'readable mono' }, `readable: ${result.readable.join(', ')}`));
    if (result.body !== '') cells.verdict.append(element('div', { class: 'body mono' }, `body: ${result.body}`));
  } else {
    cells.status.replaceChildren(element('span', { class: 'hidden-status', title: 'the script cannot see it' }, last ? `(${last.status} hidden)` : '—'));
    cells.verdict.append(element('div', { class: 'why' }, `why: ${whyBlocked(scenario, decisions)}`));
  }
  cells.server.replaceChildren(...renderExchanges(exchanges));
  row.dataset.status = result.outcome === 'allowed' ? String(result.status) : '';
  row.dataset.outcome = result.outcome;
  return result;
}

async function runAll() {
  const table = document.querySelector('#results');
  table.dataset.state = 'running';
  for (const scenario of config.scenarios) await runScenario(scenario);
  table.dataset.state = 'done';
}

function showRuntimeOrigins(list) {
  const text = list
    .filter((entry) => entry.origins.length > 0)
    .map((entry) => `${entry.policy || 'module defaults'}: ${entry.origins.join(', ')}`)
    .join('; ');
  document.querySelector('#runtime-state').textContent = text ? `runtime origins: ${text}` : 'no runtime origins';
}

async function changeRuntimeOrigin(action) {
  const response = await fetch('/api/runtime-origins', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      action,
      origin: document.querySelector('#runtime-origin').value.trim(),
      policy: document.querySelector('#runtime-policy').value,
    }),
  });
  const answer = await response.json();
  if (response.ok) showRuntimeOrigins(answer);
  else document.querySelector('#runtime-state').textContent = answer.error;
}

async function start() {
  config = await (await fetch('/api/config')).json();
  document.querySelector('#page-origin').textContent = location.origin;
  document.querySelector('#api-url').textContent = config.api;
  document.querySelector('#runtime-origin').value = location.origin;
  const select = document.querySelector('#runtime-policy');
  for (const policy of config.policies) select.append(element('option', { value: policy }, policy || 'module defaults'));
  config.scenarios.forEach(addRow);
  otherOriginFrame = await startOtherOrigin();
  document.querySelector('#run-all').addEventListener('click', runAll);
  document.querySelector('#runtime-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void changeRuntimeOrigin(event.submitter.value);
  });
  showRuntimeOrigins(await (await fetch('/api/runtime-origins')).json());
  document.body.dataset.ready = 'true';
}

void start();
