import { Controller, Get } from '@nestjs/common';
import { Cors } from 'nestjs-cors';

/** A named policy, defined once in CorsModule.forRootAsync({ policies }). */
@Cors('partners')
@Controller('partners')
export class PartnersController {
  @Get('feed')
  feed() {
    return [{ sku: 'A-1', stock: 4 }];
  }

  /** The same named policy, adjusted for one handler. */
  @Cors('partners', { maxAge: 60 })
  @Get('prices')
  prices() {
    return [{ sku: 'A-1', price: 12 }];
  }
}
