import { metrics } from '@opentelemetry/api';
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';

/** One data point of `cors.decisions`: its attributes and its cumulative count. */
export interface Point {
  attributes: Record<string, unknown>;
  value: number;
}

/** The OpenTelemetry SDK of a test app: an in-memory exporter behind the global meter provider. */
export interface InMemoryMetrics {
  /** The `cors.decisions` instruments (name, unit, description) and their points now, sorted by attributes. */
  collect(): Promise<{ descriptors: Array<{ name: string; unit: string; description: string }>; points: Point[] }>;
  /** Shuts the SDK down and unregisters it. */
  stop(): Promise<void>;
}

/** Registers an SDK as an app does before it starts (the counter is created when the app starts). */
export function startInMemoryMetrics(): InMemoryMetrics {
  const reader = new PeriodicExportingMetricReader({ exporter: new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE), exportIntervalMillis: 3_600_000 });
  const provider = new MeterProvider({ readers: [reader] });
  metrics.setGlobalMeterProvider(provider);
  return {
    async collect() {
      const { resourceMetrics, errors } = await reader.collect();
      if (errors.length > 0) throw new Error(`metric collection failed: ${errors.map(String).join('; ')}`);
      const instruments = resourceMetrics.scopeMetrics
        .filter((s) => s.scope.name === 'nestjs-cors')
        .flatMap((s) => s.metrics)
        .filter((m) => m.descriptor.name === 'cors.decisions');
      const points = instruments.flatMap((m) => (m.dataPoints as Array<{ attributes: Record<string, unknown>; value: unknown }>).map((p) => ({ attributes: { ...p.attributes }, value: p.value as number })));
      points.sort(byAttributes);
      return { descriptors: instruments.map((m) => ({ name: m.descriptor.name, unit: m.descriptor.unit, description: m.descriptor.description })), points };
    },
    async stop() {
      await provider.shutdown();
      metrics.disable();
    },
  };
}

/** Orders points by their attributes, for exact comparisons. */
export const byAttributes = (a: Point, b: Point) => JSON.stringify(a.attributes).localeCompare(JSON.stringify(b.attributes));
