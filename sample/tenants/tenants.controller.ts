import { Controller, Get } from '@nestjs/common';
import { Cors } from 'nestjs-cors';

/** Origins decided per request by an async check backed by TenantDirectory (policy "tenants"). */
@Cors('tenants')
@Controller('storefront')
export class TenantsController {
  @Get('config')
  config() {
    return { theme: 'dark' };
  }
}
