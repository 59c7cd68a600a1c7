import { Controller, Delete, Get, Module, Post, Put, VERSION_NEUTRAL, Version } from '@nestjs/common';
import { RouterModule } from '@nestjs/core';
import { Cors, CorsModule } from '../../../lib/index.js';
import { B, X } from './origins.js';

/** Excluded from the global prefix for every method: served at /health. */
@Controller('health')
export class HealthController {
  @Get()
  get() {
    return { route: 'health.get' };
  }

  @Post()
  @Cors({ origin: B })
  post() {
    return { route: 'health.post' };
  }
}

/** Excluded for GET only: GET /status, but PUT /api/status. */
@Controller('status')
export class StatusController {
  @Get()
  get() {
    return { route: 'status.get' };
  }

  @Put()
  @Cors({ origin: B })
  put() {
    return { route: 'status.put' };
  }
}

/** URI versioning: the same path and method, one policy per version. */
@Controller('things')
export class ThingsController {
  @Version('1')
  @Put(':id')
  replaceV1() {
    return { route: 'things.v1' };
  }

  @Version('2')
  @Put(':id')
  @Cors({ origin: B })
  replaceV2() {
    return { route: 'things.v2' };
  }

  @Version(['3', '4'])
  @Delete(':id')
  @Cors({ origin: X })
  removeV3V4() {
    return { route: 'things.v3v4' };
  }
}

/** No version: no version segment under URI versioning. */
@Controller('plain')
export class PlainController {
  @Put()
  put() {
    return { route: 'plain.put' };
  }
}

/** Mounted at /admin by RouterModule. */
@Controller('users')
export class AdminUsersController {
  @Get(':id')
  get() {
    return { route: 'admin.users.get' };
  }

  @Delete(':id')
  @Cors({ origin: B })
  remove() {
    return { route: 'admin.users.remove' };
  }
}

@Module({ controllers: [AdminUsersController] })
export class AdminModule {}

@Module({
  imports: [
    CorsModule.forRoot({ origin: 'https://a.example.com' }),
    AdminModule,
    RouterModule.register([{ path: 'admin', module: AdminModule }]),
  ],
  controllers: [HealthController, StatusController, ThingsController, PlainController],
})
export class PrefixAppModule {}

/** Version-neutral under URI versioning: no version segment, whatever the default version. */
@Controller({ path: 'neutral', version: VERSION_NEUTRAL })
export class NeutralController {
  @Put()
  @Cors({ origin: X })
  put() {
    return { route: 'neutral.put' };
  }
}

/** For `defaultVersion`: unversioned controllers get the default version segment(s). */
@Module({
  imports: [CorsModule.forRoot({ origin: 'https://a.example.com' })],
  controllers: [PlainController, NeutralController, ThingsController],
})
export class DefaultVersionAppModule {}
