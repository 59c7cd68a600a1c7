/**
 * The WebSocket entry points' types, for the apps that have the optional WebSocket peers (see
 * run.mjs): the adapters are Nest's, and take the app.
 */
import type { INestApplication } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { WsAdapter } from '@nestjs/platform-ws';
import type { GatewayCorsInfo } from 'nestjs-cors';
import { CorsIoAdapter } from 'nestjs-cors/socket.io';
import { CorsWsAdapter } from 'nestjs-cors/ws';

export const io = (app: INestApplication): IoAdapter => new CorsIoAdapter(app);
export const ws = (app: INestApplication): WsAdapter => new CorsWsAdapter(app);
export const namespaceOf = (info: GatewayCorsInfo): string | undefined => info.namespace;

// Fails only if the types above are real: were they `any`, this directive would be unused.
// @ts-expect-error -- the adapter needs the app
export const missing = new CorsIoAdapter();
