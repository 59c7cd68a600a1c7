/** One request the playground page sends to the sample API from its own origin. */
export interface PlaygroundScenario {
  id: string;
  title: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  credentials?: 'omit' | 'include';
  /** Set for a socket.io connection to a gateway namespace (`path`) instead of a fetch: it emits `ping` and waits for `pong`. */
  socket?: { transport: 'websocket' | 'polling' };
  /**
   * `'other-origin'`: sent by a frame on the playground's other origin (`127.0.0.1:<port>` when
   * the page is on `localhost:<port>`) instead of by the page itself.
   */
  from?: 'other-origin';
  /** Why the browser allows or blocks it, for a reader of the page. */
  note: string;
}

const JSON_HEADERS = { 'Content-Type': 'application/json' };

/** A GraphQL operation as a web app sends it: a JSON POST (preflighted) with cookies. */
function graphql(query: string) {
  return { method: 'POST', path: '/graphql', headers: JSON_HEADERS, body: JSON.stringify({ query }), credentials: 'include' as const };
}

/** The sample's policies as a page on http://localhost:<port> meets them. */
export const PLAYGROUND_SCENARIOS: readonly PlaygroundScenario[] = [
  { id: 'catalog-get', title: 'Simple GET', method: 'GET', path: '/catalog', note: "module defaults allow 'http://localhost:*'; X-Request-Id is exposed" },
  {
    id: 'catalog-put', title: 'Preflighted PUT', method: 'PUT', path: '/catalog/1',
    headers: { ...JSON_HEADERS, 'X-Request-Id': 'playground' }, body: '{"name":"Desk"}',
    note: 'JSON body and a custom header: the preflight asks, the module defaults allow both headers',
  },
  {
    id: 'catalog-put-header', title: 'PUT with a header not allowed', method: 'PUT', path: '/catalog/1',
    headers: { ...JSON_HEADERS, 'X-Debug': '1' }, body: '{}', note: 'X-Debug is not in allowedHeaders: the preflight gets 403',
  },
  { id: 'catalog-delete', title: 'DELETE, admin-only handler', method: 'DELETE', path: '/catalog/1', note: 'a handler override allows only https://admin.example.com' },
  {
    id: 'catalog-credentials', title: 'GET with cookies', method: 'GET', path: '/catalog', credentials: 'include',
    note: 'the module defaults have no credentials: no Access-Control-Allow-Credentials, so the browser hides the answer',
  },
  { id: 'partners-feed', title: 'Named policy "partners"', method: 'GET', path: '/partners/feed', note: 'only https://partner.example.org, plus origins added at runtime' },
  { id: 'widgets', title: 'Subdomain pattern', method: 'GET', path: '/widgets', note: 'only https://*.widgets.example.com' },
  {
    id: 'storefront', title: 'Async tenant check, with cookies', method: 'GET', path: '/storefront/config', credentials: 'include',
    note: 'policy "tenants": an injected service decides, credentials allowed',
  },
  { id: 'health', title: '@Cors(false)', method: 'GET', path: '/health', note: 'no CORS at all on this controller' },
  {
    id: 'admin-origins', title: 'Auth-guarded admin API', method: 'POST', path: '/admin/cors/origins',
    headers: { ...JSON_HEADERS, Authorization: 'Bearer sample-admin' }, body: '{"origin":"https://x.example"}',
    note: 'only the admin console origin; its preflight is answered before the auth guard',
  },
  {
    id: 'graphql-sign-in', title: 'GraphQL mutation that sets a cookie', ...graphql('mutation { signIn(name: "playground") }'),
    note: "Apollo, not a controller route: paths['/graphql'] is policy \"web\" (credentials); the library answers the preflight, Apollo the POST",
  },
  {
    id: 'graphql-me', title: 'Credentialed GraphQL query', ...graphql('{ me widgets { name } }'),
    note: 'the cookie set by the row above comes back ("› cookie" below) and the resolver reads it: me is "playground"',
  },
  {
    id: 'graphql-other-origin', title: 'The same query from another origin', ...graphql('{ me widgets { name } }'), from: 'other-origin',
    note: 'a frame on 127.0.0.1, not an origin of "web": the preflight gets 403 and the query is never sent',
  },
  {
    id: 'assets-json', title: 'Static JSON file', method: 'GET', path: '/assets/widgets.json',
    note: "ServeStaticModule's file: paths['/assets/*'] is { origin: '*' }, any page may read it (no credentials)",
  },
  {
    id: 'live-websocket', title: 'socket.io gateway, WebSocket', method: 'GET', path: '/live', socket: { transport: 'websocket' },
    note: "websockets.policy is \"web\", which allows 'http://localhost:*': the handshake's Origin is checked (browsers apply no CORS to WebSockets)",
  },
  {
    id: 'live-polling', title: 'socket.io gateway, long-polling with cookies', method: 'GET', path: '/live', socket: { transport: 'polling' }, credentials: 'include',
    note: 'the polling transport is plain XHR: it gets the CORS headers of the same policy, credentials included',
  },
  {
    id: 'live-other-origin', title: 'The same gateway from another origin', method: 'GET', path: '/live', socket: { transport: 'websocket' }, from: 'other-origin',
    note: 'a frame on 127.0.0.1, not an origin of "web": the upgrade gets 403, socket.io reports connect_error, the gateway sees nothing',
  },
];

/** Policies the page can add a runtime origin to ('' is the module defaults). */
export const PLAYGROUND_POLICIES: readonly string[] = ['partners', 'tenants', ''];
