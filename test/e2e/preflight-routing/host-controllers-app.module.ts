import { Controller, Module, Put } from '@nestjs/common';
import { Cors, CorsModule } from '../../../lib/index.js';
import { A, B } from './origins.js';

/**
 * Two host-bound controllers on one path. Nest's host matching runs inside the route handler,
 * so the preflight router sees two candidates for PUT /settings and judges by both.
 */
@Controller({ path: 'settings', host: 'eu.api.test' })
export class EuSettingsController {
  @Put()
  @Cors({ origin: [A, B], credentials: true, maxAge: 600 })
  replace() {
    return { route: 'settings.put.eu' };
  }
}

@Controller({ path: 'settings', host: 'us.api.test' })
export class UsSettingsController {
  @Put()
  @Cors({ origin: A, maxAge: 60 })
  replace() {
    return { route: 'settings.put.us' };
  }
}

@Module({ imports: [CorsModule.forRoot({ origin: A })], controllers: [EuSettingsController, UsSettingsController] })
export class HostControllersAppModule {}
