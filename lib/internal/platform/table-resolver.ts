import { INestApplicationContext, Logger } from '@nestjs/common';
import type { CorsTable } from '../table/cors-table.js';
import { CorsAppState } from '../request/cors-request-path.js';

/**
 * How a WebSocket adapter finds CorsModule's table: through the app, when the first handshake
 * comes (adapters are created before the app initializes). Without CorsModule it logs one error
 * and answers undefined, so that every handshake is refused.
 */
export function tableResolver(app: INestApplicationContext, adapterName: string): () => CorsTable | undefined {
  let holder: CorsAppState | undefined;
  let reported = false;
  return () => {
    if (holder === undefined) {
      try {
        holder = app.get(CorsAppState, { strict: false }) as CorsAppState;
      } catch {
        if (!reported) {
          reported = true;
          new Logger('CorsModule').error(`${adapterName}: CorsModule is not imported, so every WebSocket handshake is refused. Import CorsModule.forRoot() in the root module.`);
        }
        return undefined;
      }
    }
    return holder?.table;
  };
}
