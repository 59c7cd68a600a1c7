import { Controller, Delete, Get, Param, Put } from '@nestjs/common';
import { Cors } from 'nestjs-cors';

/** Uses the module defaults, except for DELETE, which only the admin console may call. */
@Controller('catalog')
export class CatalogController {
  private readonly items = new Map([['1', { id: '1', name: 'Lamp' }]]);

  @Get()
  list() {
    return [...this.items.values()];
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return this.items.get(id) ?? { id, name: 'unknown' };
  }

  @Put(':id')
  update(@Param('id') id: string) {
    return { id, updated: true };
  }

  /** Handler override: another origin, with credentials, and a header scripts may read. */
  @Cors({ origin: 'https://admin.example.com', credentials: true, exposedHeaders: ['X-Deleted-Count'] })
  @Delete(':id')
  remove(@Param('id') id: string) {
    this.items.delete(id);
    return { id, deleted: true };
  }
}
