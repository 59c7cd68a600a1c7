import type { Evaluator } from './engine.js';

// The project type-checks without the DOM lib; these are the browser globals the page scripts use.
type RequestCache = 'default' | 'no-store' | 'reload' | 'no-cache' | 'force-cache' | 'only-if-cached';
declare const XMLHttpRequest: new () => {
  open(method: string, url: string): void;
  setRequestHeader(name: string, value: string): void;
  getAllResponseHeaders(): string;
  send(body: string | null): void;
  withCredentials: boolean;
  readonly status: number;
  readonly responseText: string;
  onload: () => void;
  onerror: () => void;
};

/** What the browser let the page see. */
export type BrowserOutcome =
  | { outcome: 'allowed'; status: number; body: string; headers: Record<string, string> }
  | { outcome: 'blocked'; error: string };

/** A request as a page script writes it. */
export interface PageRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** fetch's credentials mode; for XHR, 'include' means withCredentials. Default 'same-origin'. */
  credentials?: 'omit' | 'same-origin' | 'include';
  /**
   * fetch's cache mode. Default 'no-store', so no scenario reads another's cached response;
   * Chromium and Firefox then also bypass their preflight caches, so preflight caching tests use 'default'.
   */
  cache?: RequestCache;
}

/**
 * Runs `fetch(url)` inside the page (or frame) and reports what its script could read: the
 * status, body and readable headers, or the network error the browser raised instead.
 */
export function pageFetch(where: Evaluator, url: string, request: PageRequest = {}): Promise<BrowserOutcome> {
  return where.evaluate(
    async ({ url, request }) => {
      try {
        const init: RequestInit & { cache: RequestCache } = {
          method: request.method ?? 'GET',
          headers: request.headers,
          body: request.body,
          credentials: request.credentials ?? 'same-origin',
          cache: request.cache ?? 'no-store',
        };
        const response = await fetch(url, init);
        const headers: Record<string, string> = {};
        response.headers.forEach((value, name) => (headers[name] = value));
        return { outcome: 'allowed' as const, status: response.status, body: await response.text(), headers };
      } catch (error) {
        return { outcome: 'blocked' as const, error: String(error) };
      }
    },
    { url, request },
  );
}

/**
 * The same with XMLHttpRequest: `onerror` (status 0) is the browser blocking it; the readable
 * headers are those of `getAllResponseHeaders()`.
 */
export function pageXhr(where: Evaluator, url: string, request: PageRequest = {}): Promise<BrowserOutcome> {
  return where.evaluate(
    ({ url, request }) =>
      new Promise<BrowserOutcome>((resolve) => {
        const xhr = new XMLHttpRequest();
        xhr.open(request.method ?? 'GET', url);
        xhr.withCredentials = request.credentials === 'include';
        for (const [name, value] of Object.entries(request.headers ?? {})) xhr.setRequestHeader(name, value);
        xhr.onload = () => {
          const headers: Record<string, string> = {};
          for (const line of xhr.getAllResponseHeaders().trim().split(/\r\n/)) {
            const colon = line.indexOf(':');
            if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
          }
          resolve({ outcome: 'allowed', status: xhr.status, body: xhr.responseText, headers });
        };
        xhr.onerror = () => resolve({ outcome: 'blocked', error: `XMLHttpRequest error (status ${xhr.status})` });
        xhr.send(request.body ?? null);
      }),
    { url, request },
  );
}
