import type { TablePath } from '../table/cors-table.js';
import type { CompiledEndpoint } from './endpoint-pipeline.js';
import type { ConfiguredLevel, EndpointSource } from './endpoint-source.js';

/** The one not-found endpoint: nothing to read, it stands for every request nothing else serves. */
type NotFound = 'not-found';

const LABEL = "Nest's 404 (no route or paths entry)";

/**
 * Nest's 404 for a path, or a method at a path, that no route and no `paths` entry serves
 * (`readableNotFound`): an endpoint with no configuration of its own, so the module defaults
 * alone, through the same pipeline as routes (it shares their compiled policy). Only actual
 * requests reach it: a preflight nothing serves is still refused (`no-route`).
 */
export class NotFoundEndpoint implements EndpointSource<NotFound> {
  readonly defaultMethods = undefined;
  /** Runs through the pipeline when `readableNotFound` is on (the default). */
  readonly endpoints: readonly NotFound[];

  constructor(enabled: boolean) {
    this.endpoints = enabled ? ['not-found'] : [];
  }

  check(): ConfiguredLevel[] {
    return [];
  }

  name(): string {
    return LABEL;
  }

  /** The target the request path decides Nest's 404s with; undefined when off or the defaults have no CORS. */
  target(compiled: readonly CompiledEndpoint<NotFound>[]): TablePath | undefined {
    const endpoint = compiled[0];
    if (endpoint?.policy === undefined) return undefined;
    return { pattern: '*', label: LABEL, effective: endpoint.effective, policy: endpoint.policy, strategy: 'entry-hook', notFound: true };
  }
}
