import { Server, Socket, createConnection, createServer } from 'node:net';
import { withDeadline } from '../../../sample/shutdown/close-server.js';

/**
 * A TCP proxy on 127.0.0.1 in front of a Redis port, to cut one instance off Redis while the
 * others keep it: `cut()` drops every connection and refuses new ones until `restore()`.
 */
export class TcpProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private isCut = false;

  constructor(private readonly target: number) {}

  /** Listens on a free port; resolves with it. */
  async start(): Promise<number> {
    const server = createServer((client) => {
      if (this.isCut) {
        client.destroy();
        return;
      }
      const upstream = createConnection({ host: '127.0.0.1', port: this.target });
      for (const [socket, other] of [[client, upstream], [upstream, client]] as const) {
        this.sockets.add(socket);
        socket.on('close', () => {
          this.sockets.delete(socket);
          other.destroy();
        });
        socket.on('error', () => socket.destroy());
      }
      client.pipe(upstream);
      upstream.pipe(client);
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return (server.address() as { port: number }).port;
  }

  /** Drops every connection through the proxy and refuses new ones. */
  cut(): void {
    this.isCut = true;
    for (const socket of this.sockets) socket.destroy();
  }

  /** Lets connections through again. */
  restore(): void {
    this.isCut = false;
  }

  close(): Promise<void> {
    this.cut();
    const server = this.server;
    this.server = undefined;
    if (!server) return Promise.resolve();
    return withDeadline('TCP proxy closing', new Promise<void>((resolve) => server.close(() => resolve())));
  }
}
