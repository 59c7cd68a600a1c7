import type { CorsTable, TableGateway } from '../table/cors-table.js';
import type { Combine } from '../decision/cors-question.js';
import type { CorsVerdict } from '../decision/cors-verdict.js';
import { DecisionRules, decide } from '../decision/decide.js';
import { refusal } from '../decision/refusal-text.js';
import { CorsDiagnostics } from '../diagnostics/cors-diagnostics.js';
import { decisionRules } from '../diagnostics/decision-rules.js';
import { reportingOf } from '../reporting/table-reporting.js';
import { handshakeOrigin, handshakeQuestion } from './handshake-question.js';
import { GatewayIndex } from './gateway-index.js';
import { HandshakeScope, describeScope } from './handshake-scope.js';
import { OpenConnection, OpenConnections } from './open-connections.js';
import type { HandshakeRequest } from './own-origin.js';
import { settle } from './settle.js';

interface GateState {
  readonly table: CorsTable;
  readonly index: GatewayIndex;
  readonly diagnostics: CorsDiagnostics;
  readonly rules: DecisionRules;
  readonly recheckRules: DecisionRules;
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

  /** The decision core's rules, undefined before the table exists. */
  rules(): DecisionRules | undefined {
    return this.current()?.rules;
  }

  /** The log lines of the request path, undefined before the table exists. */
  diagnostics(): CorsDiagnostics | undefined {
    return this.current()?.diagnostics;
  }

  /**
   * Judges one handshake (or namespace connect) with the decision core, the scope's gateways
   * combined as `combine` says. A refusal is logged (`debug`) unless `quiet`: requests of an
   * open polling session and re-checks of open connections are judged too, but are not
   * handshakes. Every judgment is reported (events, metrics, origin report) except re-checks
   * (`recheck`), which are not requests.
   */
  judge(request: HandshakeRequest, scope: HandshakeScope, combine: Combine, quiet = false, recheck = false): CorsVerdict | Promise<CorsVerdict> {
    const state = this.current();
    if (!state) return refusal('not-initialized', undefined);
    const gateways = this.gatewaysOf(scope);
    let verdict: CorsVerdict | Promise<CorsVerdict>;
    try {
      verdict = decide(handshakeQuestion(request, scope.transport, state.table.settings.websockets), gateways, combine, recheck ? state.recheckRules : state.rules);
    } catch {
      verdict = refusal('internal-error', undefined);
    }
    const log = (v: CorsVerdict) => {
      if (!v.allowed && !quiet && state.diagnostics.debug) state.diagnostics.refusedHandshake(handshakeOrigin(request), describeScope(scope, gateways), v.text);
      return v;
    };
    return verdict instanceof Promise ? verdict.then(log, () => log(refusal('internal-error', undefined))) : log(verdict);
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
          this.judge(connection.request, connection.scope, 'every', true, true),
          (verdict) => (verdict.allowed ? undefined : close(verdict.text)),
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
      const diagnostics = new CorsDiagnostics(table.settings.debug);
      const rules = decisionRules(table.settings, diagnostics, reportingOf(table));
      // Re-checks of open connections are not requests: decided (behind a report-only rollout too), never reported.
      const behind = rules.reporting?.behind;
      const recheckRules = decisionRules(table.settings, diagnostics, behind === undefined ? undefined : { behind, record: () => undefined });
      this.state = { table, index: new GatewayIndex(table.gateways), diagnostics, rules, recheckRules };
      if (table.settings.websockets.closeOnRevoke) for (const origins of table.runtimeOrigins.values()) origins.onRemoval(() => this.scheduleRecheck());
    }
    return this.state;
  }
}
