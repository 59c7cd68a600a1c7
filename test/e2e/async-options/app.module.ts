import { Controller, Get, Injectable, Module, Put } from '@nestjs/common';
import { Cors, CorsModule, CorsModuleOptions, CorsOptionsFactory } from '../../../lib/index.js';

export const APP = 'https://app.example.com';
export const PARTNER = 'https://partner.example.org';

/** Settings another module owns, as a ConfigService would be. */
@Injectable()
export class ApiSettings {
  readonly appOrigins = [APP];
  readonly partnerOrigins = new Set([PARTNER]);
}

/**
 * The options factory, a provider of SettingsModule: `useExisting` must reuse this instance
 * rather than construct a second one, so it counts its instances and its calls.
 */
@Injectable()
export class CorsSettings implements CorsOptionsFactory {
  static instances = 0;
  calls = 0;

  constructor(private readonly settings: ApiSettings) {
    CorsSettings.instances++;
  }

  async createCorsOptions(): Promise<CorsModuleOptions> {
    this.calls++;
    return {
      origin: this.settings.appOrigins,
      credentials: true,
      maxAge: 120,
      policies: { partners: { origin: (origin) => this.settings.partnerOrigins.has(origin) } },
    };
  }
}

@Module({ providers: [ApiSettings, CorsSettings], exports: [CorsSettings] })
export class SettingsModule {}

@Controller('orders')
export class OrdersController {
  @Get() list() {
    return [{ id: 1 }];
  }

  @Put(':id')
  @Cors('partners')
  replace() {
    return { ok: true };
  }
}

/** CorsModule configured by a factory that SettingsModule already provides. */
@Module({
  imports: [SettingsModule, CorsModule.forRootAsync({ imports: [SettingsModule], useExisting: CorsSettings })],
  controllers: [OrdersController],
})
export class UseExistingAppModule {}
