import { Controller, Get, Injectable, Module, Put } from '@nestjs/common';
import { Cors, CorsModule } from '../../../lib/index.js';

/** A tenant directory, as an app would back it with a database. */
@Injectable()
export class TenantDirectory {
  readonly domains = new Set(['https://acme.example.com']);
  calls = 0;
  async isTenant(origin: string): Promise<boolean> {
    this.calls++;
    await new Promise((resolve) => setTimeout(resolve, 5));
    return this.domains.has(origin);
  }
}

@Module({ providers: [TenantDirectory], exports: [TenantDirectory] })
export class TenantModule {}

@Controller('dynamic')
export class DynamicController {
  @Cors({ origin: (origin: string) => origin.endsWith('.sync.example.com') && origin.startsWith('https://') })
  @Get('sync')
  sync() {
    return { ok: true };
  }

  @Cors({ origin: async (origin: string) => origin === 'https://async.example.com' })
  @Get('async')
  async() {
    return { ok: true };
  }

  @Cors({ origin: async (origin: string) => origin === 'https://async.example.com' })
  @Put('async')
  asyncPut() {
    return { ok: true };
  }

  @Cors({
    origin: () => {
      throw new Error('directory down');
    },
  })
  @Get('throws')
  throws() {
    return { ok: true };
  }

  @Cors({ origin: () => Promise.reject(new Error('db timeout')) })
  @Get('rejects')
  rejects() {
    return { ok: true };
  }

  @Cors({ origin: () => new Promise<boolean>(() => undefined) })
  @Get('hangs')
  hangs() {
    return { ok: true };
  }

  @Cors({ origin: (() => 'yes') as unknown as () => boolean })
  @Get('truthy')
  truthy() {
    return { ok: true };
  }

  @Cors('tenants')
  @Get('tenant')
  tenant() {
    return { ok: true };
  }

  @Cors('tenants')
  @Put('tenant')
  tenantPut() {
    return { ok: true };
  }
}

@Controller('runtime')
export class RuntimeController {
  @Get()
  defaults() {
    return { ok: true };
  }

  @Cors('partners')
  @Get('partners')
  partners() {
    return { ok: true };
  }

  @Cors({ origin: ['https://inline.example.com'] })
  @Get('inline')
  inline() {
    return { ok: true };
  }
}

@Module({
  imports: [
    TenantModule,
    CorsModule.forRootAsync({
      imports: [TenantModule],
      inject: [TenantDirectory],
      useFactory: (directory: TenantDirectory) => {
        return {
          origin: [],
          credentials: true,
          originCheckTimeout: 100,
          policies: {
            partners: { origin: ['https://partner.example.org'] },
            tenants: { origin: (origin: string) => directory.isTenant(origin) },
          },
        };
      },
    }),
  ],
  controllers: [DynamicController, RuntimeController],
})
export class AppModule {}
