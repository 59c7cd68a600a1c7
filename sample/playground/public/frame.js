/* global window, fetch */
// Runs in an iframe on the playground's other origin (127.0.0.1 when the page is on localhost,
// and the reverse). It answers only its parent page, on that page's origin, and only runs the
// scenarios marked `from: 'other-origin'` in the playground's own list, by id.
import { connect, scenarioUrl, send } from './send.js';

const RUN_ID = /^[\w-]{1,64}$/;
const config = await (await fetch('/api/config')).json();

window.addEventListener('message', async (event) => {
  // From this server's point of view the parent page is on the other origin.
  if (event.source !== window.parent || event.origin !== config.otherOrigin) return;
  const { id, run } = event.data ?? {};
  const scenario = config.scenarios.find((candidate) => candidate.id === id && candidate.from === 'other-origin');
  if (scenario === undefined || typeof run !== 'string' || !RUN_ID.test(run)) return;
  const result = scenario.socket ? await connect(config.api, scenario, run) : await send(scenario, scenarioUrl(config.api, scenario, run));
  window.parent.postMessage({ run, result }, config.otherOrigin);
});

if (config.otherOrigin !== null) window.parent.postMessage({ ready: true }, config.otherOrigin);
