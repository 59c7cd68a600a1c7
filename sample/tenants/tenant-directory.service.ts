import { Injectable } from '@nestjs/common';

/** Which custom domains belong to tenants; a real app would ask its database. */
@Injectable()
export class TenantDirectory {
  private readonly domains = new Set(['https://shop.acme.test']);

  /** Async on purpose: the origin check awaits it. */
  async isTenantOrigin(origin: string): Promise<boolean> {
    return this.domains.has(origin);
  }

  register(origin: string): void {
    this.domains.add(origin);
  }
}
