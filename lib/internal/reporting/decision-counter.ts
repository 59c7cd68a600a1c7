import type { ReportedDecision } from '../decision/report-decision.js';
import type { EndpointFacts } from './decision-facts.js';

/** The counter's name and unit, in OpenTelemetry's style (a namespace first, no `_total`, a UCUM count). */
const DECISION_COUNTER = { name: 'cors.decisions', unit: '{decision}', description: 'CORS decisions, by transport, request kind, policy, verdict and reason' } as const;
/** The meter's (instrumentation scope's) name. */
const METER_NAME = 'nestjs-cors';

/** Attribute values as OpenTelemetry takes them. */
type Attributes = Readonly<Record<string, string>>;
/** The slice of `@opentelemetry/api` used here (declared, so that no type of the optional package reaches the published types). */
interface CounterLike {
  add(value: number, attributes?: Attributes): void;
}
export interface OpenTelemetryApi {
  metrics: { getMeter(name: string): { createCounter(name: string, options: { description: string; unit: string }): CounterLike } };
}

/** Loads `@opentelemetry/api` when metrics are asked for, never otherwise (an optional peer dependency). */
export const loadOpenTelemetry = (): Promise<OpenTelemetryApi> => import('@opentelemetry/api') as Promise<OpenTelemetryApi>;

/**
 * The `cors.decisions` counter. Attributes have bounded values only (transport, request kind,
 * policy name, verdict, reason, the route template, the report-only change), never the origin:
 * each distinct set is a time series kept by the SDK and the backend. Each set is made once.
 */
export class DecisionCounter {
  private readonly attributeSets = new Map<string, Attributes>();

  constructor(private readonly counter: CounterLike) {}

  /** Creates the counter from the app's global meter provider (a no-op one until the app registers an SDK). */
  static create(api: OpenTelemetryApi): DecisionCounter {
    return new DecisionCounter(api.metrics.getMeter(METER_NAME).createCounter(DECISION_COUNTER.name, { description: DECISION_COUNTER.description, unit: DECISION_COUNTER.unit }));
  }

  add(decision: ReportedDecision, facts: EndpointFacts): void {
    const { question, verdict, enforced, change } = decision;
    const route = facts.endpoint.route;
    const key = `${question.transport}|${question.kind}|${facts.policy}|${verdict.reason}|${route ?? ''}|${enforced === undefined ? '' : change}`;
    let attributes = this.attributeSets.get(key);
    if (attributes === undefined) {
      const set: Record<string, string> = {
        'cors.transport': question.transport,
        'cors.request.kind': question.kind,
        'cors.policy': facts.policy,
        'cors.verdict': verdict.allowed ? 'allowed' : 'refused',
        'cors.reason': verdict.reason,
      };
      if (route !== undefined) set['http.route'] = route;
      if (enforced !== undefined) set['cors.rollout.change'] = change;
      this.attributeSets.set(key, (attributes = Object.freeze(set)));
    }
    this.counter.add(1, attributes);
  }
}
