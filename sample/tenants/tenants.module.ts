import { Module } from '@nestjs/common';
import { TenantDirectory } from './tenant-directory.service.js';
import { TenantsController } from './tenants.controller.js';

@Module({ providers: [TenantDirectory], exports: [TenantDirectory], controllers: [TenantsController] })
export class TenantsModule {}
