import type { CorsTable, TableGateway } from '../table/cors-table.js';
import { CorsDiagnostics } from '../diagnostics/cors-diagnostics.js';
import { HandshakeVerdict, Quorum, decideHandshake, handshakeOrigin } from './decide-handshake.js';
import { GatewayIndex, ServerScope } from './gateway-index.js';
import { OpenConnection, OpenConnections } from './open-connections.js';
import type { HandshakeRequest } from './own-origin.js';
import { settle } from './settle.js';

/** What one check is about: a whole server, or one socket.io namespace of it (`namespace` set). */
export interface HandshakeScope extends ServerScope {
  readonly transport: 'socket.io' | 'ws';
  /** Set for a socket.io namespace connect: only that namespace's gateways decide. */
  readonly namespace?: unknown;
}

interface GateState {
  readonly table: CorsTable;
  readonly index: GatewayIndex;
  readonly diagnostics: CorsDiagnostics;
}

/** Where a check happened, in log lines: `socket.io /socket.io namespace /chat (ChatGateway)`. */
export function describeScope(scope: HandshakeScope, gateways: readonly TableGateway[]): string {
  const port = scope.port === 0 ? '' : ` port ${scope.port}`;
  const path = scope.path ?? (scope.transport === 'socket.io' ? '/socket.io' : '/');
  const namespace = 'namespace' in scope ? ` namespace ${String(scope.namespace ?? '/')}` : '';
  const names = gateways.length > 0 ? gateways.map((g) => g.label).join(', ') : 'no gateway';
  return `${scope.transport}${port} ${path}${namespace} (${names})`;
}

/**
 * The handshake path's view of CorsModule, shared by the WebSocket adapters: reads the built
 * table when a handshake comes (so runtime origins and the table set at `app.init()` apply at
 * once), finds the gateways a handshake can reach, decides, and logs refusals (`debug`). Before
 * the table exists (CorsModule not imported, or `app.init()` not finished) every handshake is
 * refused: fail closed. Never throws.
 */
export class HandshakeGate {
  private state: GateState | undefined;
  private readonly connections = new OpenConnections();
  private recheckQueued = false;

  constructor(private readonly resolveTable: () => CorsTable | undefined) {}

  /** The gateways a check is about; empty before the table exists. */
  gatewaysOf(scope: HandshakeScope): readonly TableGateway[] {
    const state = this.current();
    if (!state) return [];
    return 'namespace' in scope ? state.index.inNamespace(scope, scope.namespace) : state.index.onServer(scope);
  }

  /** The table's module-wide settings, undefined before the table exists. */
  settings(): CorsTable['settings'] | undefined {
    return this.current()?.table.settings;
  }

  /** The log lines of the request path, undefined before the table exists. */
  diagnostics(): CorsDiagnostics | undefined {
    return this.current()?.diagnostics;
  }

  /**
   * Judges one handshake (or namespace connect); see `decideHandshake`. A refusal is logged
   * (`debug`) unless `quiet`: requests of an open polling session and re-checks of open
   * connections are judged too, but are not handshakes.
   */
  judge(request: HandshakeRequest, scope: HandshakeScope, quorum: Quorum, quiet = false): HandshakeVerdict | Promise<HandshakeVerdict> {
    const state = this.current();
    if (!state) return { admitted: false, reason: 'CorsModule is not initialized (not imported, or app.init() has not finished)' };
    const gateways = this.gatewaysOf(scope);
    const { settings } = state.table;
    let verdict: HandshakeVerdict | Promise<HandshakeVerdict>;
    try {
      verdict = decideHandshake(
        request,
        gateways,
        quorum,
        { ...settings.websockets, originCheckTimeout: settings.originCheckTimeout },
        (target, origin, failure) => state.diagnostics.originFunctionFailed(target.label, origin, failure),
      );
    } catch {
      verdict = { admitted: false, reason: 'internal error while checking the handshake' };
    }
    const log = (v: HandshakeVerdict) => {
      if (!v.admitted && !quiet && state.diagnostics.debug) state.diagnostics.refusedHandshake(handshakeOrigin(request), describeScope(scope, gateways), v.reason);
      return v;
    };
    return verdict instanceof Promise ? verdict.then(log, () => log({ admitted: false, reason: 'origin check failed' })) : log(verdict);
  }

  /**
   * Tracks an admitted connection when `websockets.closeOnRevoke` is set, so that it is closed
   * once its origin is revoked. Returns what to call when it closes (nothing to do otherwise).
   */
  track(connection: OpenConnection): () => void {
    if (this.current()?.table.settings.websockets.closeOnRevoke !== true) return () => undefined;
    return this.connections.add(connection);
  }

  /**
   * Judges every tracked connection again and closes those whose origin is no longer allowed.
   * Runs once per batch of removals (a reload from the store empties and refills every set).
   */
  private scheduleRecheck(): void {
    if (this.recheckQueued) return;
    this.recheckQueued = true;
    queueMicrotask(() => {
      this.recheckQueued = false;
      const diagnostics = this.current()?.diagnostics;
      for (const connection of this.connections.list()) {
        const close = (reason: string) => {
          diagnostics?.closedOnRevoke(handshakeOrigin(connection.request), describeScope(connection.scope, this.gatewaysOf(connection.scope)), reason);
          try {
            connection.close();
          } catch {
            // Already closing: nothing left to do.
          }
        };
        settle(
          this.judge(connection.request, connection.scope, 'every', true),
          (verdict) => (verdict.admitted ? undefined : close(verdict.reason)),
          () => close('origin check failed'),
        );
      }
    });
  }

  private current(): GateState | undefined {
    let table: CorsTable | undefined;
    try {
      table = this.resolveTable();
    } catch {
      table = undefined;
    }
    if (!table) return undefined;
    if (this.state?.table !== table) {
      this.state = { table, index: new GatewayIndex(table.gateways), diagnostics: new CorsDiagnostics(table.settings.debug) };
      if (table.settings.websockets.closeOnRevoke) for (const origins of table.runtimeOrigins.values()) origins.onRemoval(() => this.scheduleRecheck());
    }
    return this.state;
  }
}
