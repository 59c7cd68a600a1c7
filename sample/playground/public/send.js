/* global fetch, io, setTimeout, clearTimeout */
// Sends one scenario from the origin of the document that runs it (the playground page, or the
// frame on the other origin) and reports what that document's script could read. Gateway rows
// connect with the socket.io client the document loaded (`/socket.io.min.js`).

const BODY_PREVIEW = 160;

/** The scenario's URL on the API, tagged with its run id for the API's exchange log. */
export function scenarioUrl(api, scenario, run) {
  const separator = scenario.path.includes('?') ? '&' : '?';
  return `${api}${scenario.path}${separator}playground-run=${run}`;
}

/** What the script can read: the answer (status, readable headers, the start of the body), or the browser's network error. */
export async function send(scenario, url) {
  try {
    const response = await fetch(url, {
      method: scenario.method,
      headers: scenario.headers,
      body: scenario.body,
      credentials: scenario.credentials ?? 'omit',
      cache: 'no-store',
    });
    const readable = [];
    response.headers.forEach((value, name) => {
      if (name !== 'content-type' && name !== 'content-length') readable.push(`${name}: ${value}`);
    });
    const body = (await response.text()).replace(/\s+/g, ' ').trim();
    return {
      outcome: 'allowed',
      status: response.status,
      body: body.length > BODY_PREVIEW ? `${body.slice(0, BODY_PREVIEW)}…` : body,
      readable,
    };
  } catch (error) {
    return { outcome: 'blocked', error: String(error) };
  }
}

/**
 * Connects to a gateway namespace (`scenario.path`) with socket.io, sends `ping` and waits for
 * `pong`, or reports the refusal (`connect_error`) as blocked. The socket is closed either way.
 */
export function connect(api, scenario, run) {
  return new Promise((resolve) => {
    const socket = io(`${api}${scenario.path}`, {
      transports: [scenario.socket.transport],
      withCredentials: scenario.credentials === 'include',
      query: { 'playground-run': run },
      reconnection: false,
      forceNew: true,
    });
    const done = (result) => {
      clearTimeout(timer);
      socket.close();
      resolve(result);
    };
    const timer = setTimeout(() => done({ outcome: 'blocked', error: 'no answer within 10 s' }), 10_000);
    socket.on('connect', () => socket.emit('ping', 'playground'));
    socket.on('pong', (data) => done({ outcome: 'allowed', status: 'connected', readable: [], body: `pong ${JSON.stringify(data)}` }));
    socket.on('connect_error', (error) => done({ outcome: 'blocked', error: error.message }));
  });
}
