/* global fetch */
// Sends one scenario from the origin of the document that runs it (the playground page, or the
// frame on the other origin) and reports what that document's script could read.

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
