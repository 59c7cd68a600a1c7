import type { AbstractHttpAdapter } from '@nestjs/core';
import * as H from '../headers.js';

/**
 * Reads and writes response headers and sends preflight answers on one adapter. Chosen once
 * at startup, so the request path does no feature detection.
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

interface FastifyLikeReply {
  readonly raw: { readonly headersSent: boolean; removeHeader(name: string): void };
  getHeader(name: string): unknown;
  header(name: string, value: string): unknown;
  hasHeader(name: string): boolean;
  removeHeader(name: string): unknown;
  code(status: number): FastifyLikeReply;
  headers(values: Record<string, string>): FastifyLikeReply;
  send(): unknown;
}

/** Express responses are Node `ServerResponse`s: write to them directly. */
const expressWriter: ResponseWriter = {
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

/**
 * The names this module writes, in lowercase. `reply.header()` lowercases every name it is
 * given; for a mixed-case name that is a new string per call, which V8 must then internalize to
 * use as a key. Giving it the lowercase constant avoids both (Fastify sends names in lowercase
 * anyway, so nothing changes on the wire).
 */
const LOWERCASE: Readonly<Record<string, string>> = Object.fromEntries(
  [H.ALLOW_ORIGIN, H.ALLOW_CREDENTIALS, H.ALLOW_METHODS, H.ALLOW_HEADERS, H.EXPOSE_HEADERS, H.MAX_AGE, H.ALLOW_PRIVATE_NETWORK, 'Vary'].map(
    (name) => [name, name.toLowerCase()],
  ),
);

/**
 * Fastify keeps headers on the reply and writes them at send time, over anything set on the
 * raw response, so headers must go through the reply to survive.
 */
const fastifyWriter: ResponseWriter = {
  getHeader: (reply, name) => (reply as FastifyLikeReply).getHeader(name),
  setHeader: (reply, name, value) => void (reply as FastifyLikeReply).header(LOWERCASE[name] ?? name, value),
  removeHeader: (reply, name) => {
    const fastifyReply = reply as FastifyLikeReply;
    name = LOWERCASE[name] ?? name;
    // Usually nothing is there to remove: checking is cheaper than deleting on the reply and the raw response.
    if (!fastifyReply.hasHeader(name)) return;
    fastifyReply.removeHeader(name);
    // Fastify before 5.12 (the one Nest 11 ships) leaves the raw response's copy, which it still
    // sends; Nest's Fastify adapter copies `enableCors()` headers there.
    if (!fastifyReply.raw.headersSent) fastifyReply.raw.removeHeader(name);
  },
  sendEmpty: (reply, status, headers) => {
    const target = (reply as FastifyLikeReply).code(status);
    for (const name in headers) target.header(LOWERCASE[name] ?? name, headers[name]!);
    target.send();
  },
};

/** Any other adapter: through Nest's adapter API. */
function genericWriter(adapter: AbstractHttpAdapter): ResponseWriter {
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

/** The writer for the app's adapter. */
export function createResponseWriter(adapter: AbstractHttpAdapter): ResponseWriter {
  const type = adapter.getType();
  if (type === 'express') return expressWriter;
  if (type === 'fastify') return fastifyWriter;
  return genericWriter(adapter);
}
