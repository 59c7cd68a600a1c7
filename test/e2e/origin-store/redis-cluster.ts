import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { RedisServer, freePort } from './redis-server.js';

/** Where Debian's redis-cli lives (`apt-get install redis-tools`); creating a cluster needs it. */
export const REDIS_CLI = ['/usr/bin/redis-cli', '/usr/local/bin/redis-cli'].find((p) => existsSync(p));

/**
 * A Redis Cluster of three masters (no replicas) on free loopback ports, in a temporary folder:
 * three `redis-server --cluster-enabled yes`, joined by `redis-cli --cluster create`. Nothing is
 * persisted; `stop()` kills every node and removes the folder.
 */
export class RedisCluster {
  readonly nodes: RedisServer[] = [];
  private dir: string | undefined;

  /** The client ports of the nodes. */
  get ports(): number[] {
    return this.nodes.map((node) => node.port);
  }

  async start(): Promise<void> {
    const dir = (this.dir = mkdtempSync(join(tmpdir(), 'nestjs-cors-cluster-')));
    for (let i = 0; i < 3; i++) {
      const port = await freePort();
      const busPort = await freePort();
      const args = ['--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`, '--cluster-port', String(busPort), '--cluster-node-timeout', '2000'];
      this.nodes.push(new RedisServer(port, dir, { persistence: 'none', args }));
    }
    await Promise.all(this.nodes.map((node) => node.start()));
    await promisify(execFile)(REDIS_CLI!, ['--cluster', 'create', ...this.ports.map((port) => `127.0.0.1:${port}`), '--cluster-replicas', '0', '--cluster-yes'], {
      timeout: 20_000,
    });
    // Every node must agree that all slots are served before a client can rely on it.
    for (const port of this.ports) {
      const node = new Redis({ port, host: '127.0.0.1' });
      try {
        const started = Date.now();
        while (!String(await node.cluster('INFO')).includes('cluster_state:ok')) {
          if (Date.now() - started > 10_000) throw new Error(`cluster node ${port} not ok within 10 s`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      } finally {
        node.disconnect();
      }
    }
  }

  /** The node whose slots include `key`'s. */
  async nodeOf(key: string): Promise<number> {
    const probe = new Redis({ port: this.ports[0], host: '127.0.0.1' });
    try {
      const slot = Number(await probe.cluster('KEYSLOT', key));
      const ranges = await probe.cluster('SLOTS');
      const [, , master] = ranges.find(([from, to]) => slot >= from && slot <= to)!;
      return master![1];
    } finally {
      probe.disconnect();
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((node) => node.kill()));
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }
}
