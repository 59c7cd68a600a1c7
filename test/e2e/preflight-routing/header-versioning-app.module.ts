import { Controller, Delete, Get, Module, Patch, Put, Version } from '@nestjs/common';
import { Cors, CorsModule } from '../../../lib/index.js';
import { A, B } from './origins.js';

/**
 * Header versioning: routes that differ only by the `X-Api-Version` header, whose VALUE a
 * preflight never carries. A preflight to such a path must satisfy every candidate.
 */
@Controller('docs')
export class DocsController {
  @Version('1')
  @Put(':id')
  @Cors({ origin: [A, B], credentials: true, maxAge: 600 })
  replaceV1() {
    return { route: 'docs.put.v1' };
  }

  @Version('2')
  @Put(':id')
  @Cors({ origin: A, maxAge: 60 })
  replaceV2() {
    return { route: 'docs.put.v2' };
  }

  @Version('1')
  @Delete(':id')
  removeV1() {
    return { route: 'docs.delete.v1' };
  }

  @Version('2')
  @Delete(':id')
  @Cors(false)
  removeV2() {
    return { route: 'docs.delete.v2' };
  }

  @Version('1')
  @Patch(':id')
  @Cors({ allowedHeaders: ['X-Api-Version', 'Content-Type'] })
  patchV1() {
    return { route: 'docs.patch.v1' };
  }

  @Version('2')
  @Patch(':id')
  patchV2() {
    return { route: 'docs.patch.v2' };
  }

  /** Only one version on this method: no ambiguity. */
  @Version('1')
  @Get(':id')
  @Cors({ origin: B })
  getV1() {
    return { route: 'docs.get.v1' };
  }
}

@Module({ imports: [CorsModule.forRoot({ origin: A })], controllers: [DocsController] })
export class HeaderVersioningAppModule {}
