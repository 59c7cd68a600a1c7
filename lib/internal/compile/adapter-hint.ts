/** What to put in main.ts so gateways are checked: named by every message about unchecked gateways. */
export const CORS_ADAPTER_HINT =
  'app.useWebSocketAdapter(new CorsIoAdapter(app)) from nestjs-cors/socket.io, or new CorsWsAdapter(app) from nestjs-cors/ws';
