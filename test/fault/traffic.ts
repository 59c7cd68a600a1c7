import { Agent, request } from 'node:http';

/** What one origin must get on every response while the traffic runs. */
export interface Expectation {
  origin: string;
  allowed: boolean;
}

/** The counts of one run of traffic against one instance. */
export interface TrafficCounts {
  /** Requests written. */
  sent: number;
  /** Requests that got a whole response, whatever its status. */
  answered: number;
  /** Answers that were not a 200, or whose `Access-Control-Allow-Origin` was not what the origin must get. */
  wrong: number;
  /** The first few wrong answers or errors, to say what went wrong. */
  samples: string[];
}

/**
 * Cross-origin GETs against one instance from `loops` concurrent loops, each one request at a
 * time over its own keep-alive connection, cycling through `expectations`, until `stop()` (or
 * `maxPerLoop` requests each, whichever comes first). Every request is counted when sent and
 * again when answered.
 */
export class Traffic {
  private readonly counts: TrafficCounts = { sent: 0, answered: 0, wrong: 0, samples: [] };
  private running = true;
  private readonly done: Promise<void>;
  private readonly agents: Agent[] = [];

  constructor(
    private readonly baseUrl: string,
    private readonly expectations: readonly Expectation[],
    loops = 4,
    private readonly maxPerLoop = 50_000,
  ) {
    this.done = Promise.all(Array.from({ length: loops }, (_, i) => this.loop(i))).then(() => undefined);
  }

  /** The counts so far. */
  snapshot(): TrafficCounts {
    return { ...this.counts, samples: [...this.counts.samples] };
  }

  /** Stops every loop after its request in flight; resolves with the counts. */
  async stop(): Promise<TrafficCounts> {
    this.running = false;
    await this.done;
    for (const agent of this.agents) agent.destroy();
    return this.counts;
  }

  private async loop(index: number): Promise<void> {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    this.agents.push(agent);
    for (let i = 0; this.running && i < this.maxPerLoop; i++) {
      const expectation = this.expectations[(index + i) % this.expectations.length]!;
      this.counts.sent++;
      try {
        const { status, allowOrigin } = await this.get(agent, expectation.origin);
        this.counts.answered++;
        const ok = status === 200 && allowOrigin === (expectation.allowed ? expectation.origin : undefined);
        if (!ok) this.wrong(`${expectation.origin}: ${status}, Access-Control-Allow-Origin ${String(allowOrigin)}`);
      } catch (error) {
        this.wrong(`${expectation.origin}: ${String(error)}`);
      }
    }
  }

  private wrong(sample: string): void {
    this.counts.wrong++;
    if (this.counts.samples.length < 5) this.counts.samples.push(sample);
  }

  private get(agent: Agent, origin: string): Promise<{ status: number; allowOrigin: string | undefined }> {
    const url = new URL('/r', this.baseUrl);
    return new Promise((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: url.pathname, headers: { Origin: origin }, agent }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, allowOrigin: res.headers['access-control-allow-origin'] }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
  }
}
