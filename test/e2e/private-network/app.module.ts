import { Controller, Get, Module, Put } from '@nestjs/common';
import { Cors, CorsModule } from '../../../lib/index.js';

/** The origin every route allows. */
export const APP = 'https://app.example.com';
/** An origin no route allows. */
export const EVIL = 'https://evil.example.net';

/**
 * Private Network Access: `/devices` opts in with `allowPrivateNetwork`, `/public` keeps the
 * default (off). Both allow APP with credentials and only the `Content-Type` request header, so
 * a preflight can be refused for its origin or its headers while asking for private network access.
 */
@Controller()
export class DevicesController {
  @Put('devices')
  @Cors({ allowPrivateNetwork: true, maxAge: 60 })
  update() {
    return { route: 'devices.put' };
  }

  /** The PNA spec's own examples preflight a safelisted GET. */
  @Get('devices')
  @Cors({ allowPrivateNetwork: true })
  list() {
    return { route: 'devices.get' };
  }

  @Put('public')
  replace() {
    return { route: 'public.put' };
  }
}

@Module({
  imports: [CorsModule.forRoot({ origin: [APP], credentials: true, allowedHeaders: ['Content-Type'] })],
  controllers: [DevicesController],
})
export class PrivateNetworkAppModule {}
