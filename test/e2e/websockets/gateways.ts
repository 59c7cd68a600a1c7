import { Injectable } from '@nestjs/common';
import { MessageBody, OnGatewayConnection, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { Cors } from '../../../lib/index.js';

export const APP = 'https://app.example.com';
export const ADMIN = 'https://admin.example.com';
export const EVIL = 'https://evil.example.net';

/** Every connection a gateway of the app saw, by gateway name: a refused handshake must add none. */
@Injectable()
export class ConnectionLog {
  readonly seen: string[] = [];
}

/** Counts its connections and echoes `echo` messages: what every test gateway does. */
@Injectable() // emits the constructor's parameter types, which the gateways below inherit
abstract class EchoGateway implements OnGatewayConnection {
  constructor(private readonly log: ConnectionLog) {}

  handleConnection(): void {
    this.log.seen.push(this.constructor.name);
  }

  @SubscribeMessage('echo')
  echo(@MessageBody() data: unknown) {
    return { event: 'echo', data };
  }
}

/** socket.io, root namespace, module defaults. */
@WebSocketGateway()
export class ChatGateway extends EchoGateway {}

/** socket.io, namespace `/admin`, policy `admins`. */
@Cors('admins')
@WebSocketGateway({ namespace: 'admin' })
export class AdminGateway extends EchoGateway {}

/** socket.io, dynamic namespaces `/tenant-<n>`, inline origins. */
@Cors({ origin: ['https://tenant.example.org'] })
@WebSocketGateway({ namespace: /^\/tenant-\d+$/ })
export class TenantGateway extends EchoGateway {}

/** ws on `/ws`, module defaults. */
@WebSocketGateway({ path: '/ws' })
export class WsChatGateway extends EchoGateway {}

/** ws on `/ws-admin`, policy `admins`. */
@Cors('admins')
@WebSocketGateway({ path: '/ws-admin' })
export class WsAdminGateway extends EchoGateway {}
