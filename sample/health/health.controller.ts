import { Controller, Get } from '@nestjs/common';
import { Cors } from 'nestjs-cors';

/** Not for browsers on other origins: no CORS at all. */
@Cors(false)
@Controller('health')
export class HealthController {
  @Get()
  check() {
    return { status: 'ok' };
  }
}
