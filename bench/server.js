/* global process, console, setTimeout */
/**
 * One benchmark server in its own process: `node bench/server.js <adapter> <mode> [controllers]`
 * (controllers: 20 by default). Listens on a free loopback port and reports it over IPC; answers
 * `{ cmd: 'stats' }` with the heap after a full GC (when started with --expose-gc) and the origin
 * cache counters, `{ cmd: 'heap' }` with the heap once repeated GCs no longer shrink it, and
 * starts and stops a CPU profile (`profile-start`, `profile-stop`) so that startup is not in it.
 */
import { Session } from 'node:inspector/promises';
import { CorsPolicyService } from '../dist/index.js';
import { CONTROLLER_COUNT, createAppModule, createBenchApp, createMemoryModule, originFunctionCalls } from './app.js';

const [adapter, mode, controllers = String(CONTROLLER_COUNT)] = process.argv.slice(2);

if (mode === 'observed') {
  // As an app with metrics does: an OpenTelemetry SDK registered before the app starts.
  const { metrics } = await import('@opentelemetry/api');
  const { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } = await import('@opentelemetry/sdk-metrics');
  const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 10_000 })] }));
}

const app = await createBenchApp(adapter, mode, mode === 'memory' ? createMemoryModule() : createAppModule(mode, {}, Number(controllers)));
await app.listen(0, '127.0.0.1');
const address = app.getHttpServer().address();

function stats() {
  if (typeof globalThis.gc === 'function') {
    globalThis.gc();
    globalThis.gc();
  }
  const memory = process.memoryUsage();
  let caches = [];
  try {
    caches = app.get(CorsPolicyService).getOriginCacheStats();
  } catch {
    // modes without CorsModule
  }
  return { heapUsed: memory.heapUsed, heapTotal: memory.heapTotal, rss: memory.rss, external: memory.external, caches, originFunctionCalls: { ...originFunctionCalls } };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Heap used after full GCs, repeated (with pauses, so finalizers and pending work run) until one
 * more GC frees less than 64 KB, at most eight times: one GC can leave garbage that a second frees.
 */
async function settledHeap() {
  let previous = Infinity;
  for (let i = 0; i < 8; i++) {
    globalThis.gc();
    await sleep(50);
    const used = process.memoryUsage().heapUsed;
    if (previous - used < 64 * 1024) return { heapUsed: used, gcs: i + 1 };
    previous = used;
  }
  return { heapUsed: process.memoryUsage().heapUsed, gcs: 8 };
}

let session;
process.on('message', async (message) => {
  if (message?.cmd === 'stats') process.send({ cmd: 'stats', stats: stats() });
  else if (message?.cmd === 'heap') process.send({ cmd: 'heap', heap: await settledHeap() });
  else if (message?.cmd === 'cpu') process.send({ cmd: 'cpu', cpu: process.cpuUsage() });
  else if (message?.cmd === 'profile-start') {
    session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    process.send({ cmd: 'profile-start' });
  } else if (message?.cmd === 'profile-stop') {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    process.send({ cmd: 'profile-stop', profile });
  }
  else if (message?.cmd === 'close') {
    await app.close();
    process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0));
process.send({ cmd: 'ready', port: address.port });
console.error(`[bench server] ${adapter}/${mode} (${controllers} controllers) on 127.0.0.1:${address.port} (pid ${process.pid})`);
