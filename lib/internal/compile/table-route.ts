import type { Type } from '@nestjs/common';
import type { CompiledPolicy } from '../policy/compiled-policy.js';
import type { EffectivePolicy } from '../policy/merge-policy.js';
import type { ActualStrategy, TableRoute } from '../table/cors-table.js';

/** A route of the built table. Its label is made when a log line or `getRoutes()` asks for it, not kept per route. */
export class BuiltRoute implements TableRoute {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly controller: Type,
    readonly handlerName: string,
    readonly handler: (...args: unknown[]) => unknown,
    readonly policy: CompiledPolicy | undefined,
    readonly effective: EffectivePolicy | undefined,
    readonly strategy: ActualStrategy,
    readonly needsInterceptor: boolean,
  ) {}

  /** `DELETE /items/:id (ItemsController.remove)`. */
  get label(): string {
    return `${this.method} ${this.path} (${this.controller.name}.${this.handlerName})`;
  }
}
