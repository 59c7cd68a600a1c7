import type { Server } from 'node:http';

/** How long a close may take before it fails: far below Jest's 20 s hook timeout. */
export const CLOSE_DEADLINE_MS = 5_000;

/**
 * Resolves or rejects as `work` does, or rejects with "<what> did not finish within <ms> ms"
 * once `ms` has passed: a shutdown step that hangs fails loudly, naming itself, instead of
 * holding a process (or a test hook) open. The timer does not keep the process alive.
 */
export function withDeadline<T>(what: string, work: Promise<T>, ms = CLOSE_DEADLINE_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/**
 * Closes an HTTP server at once: stops listening and destroys every connection, idle
 * keep-alive ones and ones with a request in flight alike. `server.close()` alone waits
 * until each open connection ends by itself, which a browser's pooled connections, or a
 * request still being answered, can drag out. Resolves when the server has closed; a server
 * that is not listening resolves at once.
 */
export function closeServer(server: Server, ms = CLOSE_DEADLINE_MS): Promise<void> {
  if (!server.listening) return Promise.resolve();
  const closed = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  // Same tick as close(): no connection can arrive in between and be left open.
  server.closeAllConnections();
  return withDeadline('closing the HTTP server', closed, ms);
}
