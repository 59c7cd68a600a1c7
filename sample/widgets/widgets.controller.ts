import { Controller, Get } from '@nestjs/common';
import { Cors } from 'nestjs-cors';

/** A controller policy with a subdomain pattern: any https://<name>.widgets.example.com, never the apex. */
@Cors({ origin: 'https://*.widgets.example.com', maxAge: 600 })
@Controller('widgets')
export class WidgetsController {
  @Get()
  list() {
    return [{ widget: 'clock' }];
  }
}
