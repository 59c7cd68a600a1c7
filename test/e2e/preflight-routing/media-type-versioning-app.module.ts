import { Controller, Delete, Get, Module, Put, Version } from '@nestjs/common';
import { Cors, CorsModule } from '../../../lib/index.js';
import { A, B } from './origins.js';

/**
 * Media-type versioning: routes that differ only by the version in `Accept`
 * (`application/json;v=1`). `Accept` is a CORS-safelisted request header, so a preflight does
 * not even name it, let alone carry its value: it must satisfy every candidate.
 */
@Controller('reports')
export class ReportsController {
  @Version('1')
  @Put(':id')
  @Cors({ origin: [A, B], credentials: true, maxAge: 600, allowPrivateNetwork: true })
  replaceV1() {
    return { route: 'reports.put.v1' };
  }

  @Version('2')
  @Put(':id')
  @Cors({ origin: A, maxAge: 60 })
  replaceV2() {
    return { route: 'reports.put.v2' };
  }

  @Version('1')
  @Delete(':id')
  removeV1() {
    return { route: 'reports.delete.v1' };
  }

  @Version('2')
  @Delete(':id')
  @Cors(false)
  removeV2() {
    return { route: 'reports.delete.v2' };
  }

  /** Only one version on this method: no ambiguity. */
  @Version('1')
  @Get(':id')
  @Cors({ origin: B })
  getV1() {
    return { route: 'reports.get.v1' };
  }
}

@Module({ imports: [CorsModule.forRoot({ origin: A })], controllers: [ReportsController] })
export class MediaTypeVersioningAppModule {}
