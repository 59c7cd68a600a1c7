import type { AbstractHttpAdapter } from '@nestjs/core';
import { SealableResponse, sealResponse } from './response-seal.js';

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
  /**
   * Keeps an origin-dependent verdict on what is finally sent (`sealResponse`), where later code
   * may change the headers: `Vary: Origin` kept and, when `refused`, no permission written. A
   * writer whose responses nothing can change after the decision seals only refusals.
   * `requestHeaders`: the request's `headers` object, when the caller has it at hand.
   */
  seal(response: unknown, refused: boolean, requestHeaders?: object): void;
  /** The Node response under the adapter's (Fastify's `reply.raw`), or undefined when it has none. */
  nodeResponse(response: unknown): SealableResponse | undefined;
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
  removeHeader: (res, name) => {
    // Usually nothing is there to remove: looking is cheaper than deleting.
    if ((res as NodeLikeResponse).getHeader(name) !== undefined) (res as NodeLikeResponse).removeHeader(name);
  },
  seal: (res, refused, requestHeaders) => sealResponse(res as SealableResponse, refused, requestHeaders),
  nodeResponse: (res) => res as SealableResponse,
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
    // Any other adapter's response: sealed only if it is a Node response.
    seal: (res, refused) => sealResponse(res as SealableResponse, refused),
    nodeResponse: (res) => (typeof (res as Partial<SealableResponse>).writeHead === 'function' ? (res as SealableResponse) : undefined),
    sendEmpty: (res, status, headers) => {
      for (const [name, value] of Object.entries(headers)) adapter.setHeader(res, name, value);
      adapter.status(res, status);
      adapter.end(res);
    },
  };
}

