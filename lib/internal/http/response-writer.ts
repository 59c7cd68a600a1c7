import type { AbstractHttpAdapter } from '@nestjs/core';

/**
 * Reads and writes response headers and sends preflight answers on one adapter. Chosen once
 * at startup, so the request path does no feature detection. Each platform file has its own.
 */
export interface ResponseWriter {
  getHeader(response: unknown, name: string): unknown;
  setHeader(response: unknown, name: string, value: string): void;
  removeHeader(response: unknown, name: string): void;
  /** Ends a preflight with `status`, `headers` and an empty body. */
  sendEmpty(response: unknown, status: number, headers: Record<string, string>): void;
}

interface NodeLikeResponse {
  getHeader(name: string): unknown;
  setHeader(name: string, value: string): unknown;
  removeHeader(name: string): void;
  writeHead(status: number, headers: Record<string, string>): unknown;
  end(): unknown;
}

/** A Node `ServerResponse`, written to directly (Express's responses, and engine.io's requests, which never reach the app). */
export const nodeResponseWriter: ResponseWriter = {
  getHeader: (res, name) => (res as NodeLikeResponse).getHeader(name),
  setHeader: (res, name, value) => void (res as NodeLikeResponse).setHeader(name, value),
  removeHeader: (res, name) => (res as NodeLikeResponse).removeHeader(name),
  sendEmpty: (res, status, headers) => {
    const response = res as NodeLikeResponse;
    // RFC 9110 §8.6: no Content-Length on a 204; other statuses state the empty body.
    response.writeHead(status, status === 204 ? headers : { ...headers, 'Content-Length': '0' });
    response.end();
  },
};

/** Any other adapter: through Nest's adapter API. */
export function genericWriter(adapter: AbstractHttpAdapter): ResponseWriter {
  return {
    getHeader: (res, name) => (res as Partial<NodeLikeResponse>).getHeader?.(name),
    setHeader: (res, name, value) => adapter.setHeader(res, name, value),
    removeHeader: (res, name) => (res as Partial<NodeLikeResponse>).removeHeader?.(name),
    sendEmpty: (res, status, headers) => {
      for (const [name, value] of Object.entries(headers)) adapter.setHeader(res, name, value);
      adapter.status(res, status);
      adapter.end(res);
    },
  };
}

