import type { CompiledPolicy } from '../policy/compiled-policy.js';

/** One endpoint a request may reach: a route, a `paths` entry or a gateway. */
export interface Candidate {
  /** undefined when the endpoint has no CORS. */
  readonly policy: CompiledPolicy | undefined;
  /** The endpoint in log lines: `DELETE /items/:id (ItemsController.remove)`, `paths['/graphql']`, `ChatGateway`. */
  readonly label: string;
}
