import { MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';

/**
 * A socket.io gateway on the API's own HTTP server, namespace `/live`. It has no `@Cors()`, so
 * its policy is the one `websockets.policy` names in the module options (`web`): pages on those
 * origins connect, any other page gets 403 before a connection exists (main.ts installs
 * `CorsIoAdapter`). Who the user is stays this gateway's job (a guard, a token in `handshake.auth`).
 */
@WebSocketGateway({ namespace: 'live' })
export class LiveGateway {
  @SubscribeMessage('ping')
  ping(@MessageBody() data: unknown) {
    return { event: 'pong', data };
  }
}
