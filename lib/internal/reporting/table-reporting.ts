import { CorsConfigurationError } from '../../errors/cors-configuration.error.js';
import type { CorsDecisionListener } from '../../interfaces/cors-decision-event.interface.js';
import type { CorsOriginReport } from '../../interfaces/cors-origin-report.interface.js';
import type { Candidate } from '../decision/candidate.js';
import type { DecisionReporting, ReportedDecision } from '../decision/report-decision.js';
import { CorsDiagnostics } from '../diagnostics/cors-diagnostics.js';
import type { CorsTable } from '../table/cors-table.js';
import { DecisionCounter, OpenTelemetryApi, loadOpenTelemetry } from './decision-counter.js';
import { EndpointDescriber, decisionEvent } from './decision-facts.js';
import { OriginReport } from './origin-report.js';

/**
 * Where one table's decisions are reported: the `onDecision` listener, the OpenTelemetry counter
 * and the origin report, as the module options asked; and, under a report-only rollout, the
 * policy answers follow (`behind`). One per table (see `reportingOf`), shared by the HTTP request
 * path, the WebSocket adapters and `CorsPolicyService`.
 */
export class TableReporting implements DecisionReporting {
  readonly behind: Candidate | undefined;
  private readonly listener: CorsDecisionListener | undefined;
  private readonly report: OriginReport | undefined;
  private readonly metrics: boolean;
  private counter: DecisionCounter | undefined;
  private readonly endpoints = new EndpointDescriber();
  private listenerFailed = false;

  constructor(
    table: CorsTable,
    private readonly diagnostics: CorsDiagnostics,
  ) {
    const settings = table.settings.reporting;
    this.behind = settings.behind;
    this.listener = settings.listener;
    this.report = settings.maxOrigins > 0 ? new OriginReport(settings.maxOrigins) : undefined;
    this.metrics = settings.metrics;
  }

  /**
   * Loads `@opentelemetry/api` and creates the counter when `metrics` is set (once, at startup,
   * after the app registered its SDK). Without the package: a `CorsConfigurationError` naming it.
   */
  async start(load: () => Promise<OpenTelemetryApi> = loadOpenTelemetry): Promise<void> {
    if (!this.metrics || this.counter !== undefined) return;
    let api: OpenTelemetryApi;
    try {
      api = await load();
    } catch (error) {
      throw new CorsConfigurationError([
        {
          code: 'missing-dependency',
          field: 'metrics',
          value: true,
          location: 'CorsModule options',
          message: `metrics need the optional peer dependency @opentelemetry/api: npm install @opentelemetry/api (it could not be loaded: ${error instanceof Error ? error.message : String(error)})`,
        },
      ]);
    }
    this.counter = DecisionCounter.create(api);
  }

  /** The origin report, or undefined when `originReport` is off. */
  originReport(): CorsOriginReport[] | undefined {
    return this.report?.snapshot();
  }

  record(decision: ReportedDecision): void {
    const facts = this.endpoints.of(decision.verdict.candidate, decision.candidates, decision.question);
    this.counter?.add(decision, facts);
    if (this.report === undefined && this.listener === undefined) return;
    const time = Date.now();
    const origin = decision.question.origin;
    if (this.report !== undefined && origin !== undefined) this.report.record(facts.policy, origin, decision.verdict.allowed, decision.change !== 'none', time);
    if (this.listener !== undefined) this.emit(this.listener, decisionEvent(decision, facts, time));
  }

  /** Calls the listener; what it throws or rejects with is logged once, and changes nothing. */
  private emit(listener: CorsDecisionListener, event: ReturnType<typeof decisionEvent>): void {
    try {
      const result = listener(event);
      if (result !== undefined && typeof (result as Promise<void>).then === 'function') (result as Promise<void>).then(undefined, (error: unknown) => this.failed(error));
    } catch (error) {
      this.failed(error);
    }
  }

  private failed(error: unknown): void {
    if (this.listenerFailed) return;
    this.listenerFailed = true;
    this.diagnostics.decisionListenerFailed(error);
  }
}

const byTable = new WeakMap<CorsTable, TableReporting>();

/**
 * The reporting of a table, made the first time it is asked for (so the HTTP request path, the
 * WebSocket adapters and `CorsPolicyService` share one); undefined when the options report
 * nothing and roll nothing out, so that the decision core does no more than decide.
 */
export function reportingOf(table: CorsTable): TableReporting | undefined {
  const settings = table.settings.reporting;
  if (settings.listener === undefined && !settings.metrics && settings.maxOrigins === 0 && settings.behind === undefined) return undefined;
  let reporting = byTable.get(table);
  if (reporting === undefined) byTable.set(table, (reporting = new TableReporting(table, new CorsDiagnostics(table.settings.debug))));
  return reporting;
}
