import { Controller, Delete, Get, Module, Param } from '@nestjs/common';
import { Cors, CorsModule } from 'nestjs-cors';

@Controller('items')
export class ItemsController {
  @Get(':id') // the module defaults
  findOne(@Param('id') id: string) {
    return { id };
  }

  @Cors({ origin: ['https://admin.example.com'] }) // only the admin console may DELETE
  @Delete(':id')
  remove(@Param('id') id: string) {
    return { deleted: id };
  }
}

@Module({
  imports: [
    CorsModule.forRoot({
      origin: ['https://app.example.com'],
      credentials: true,
      maxAge: 600,
    }),
  ],
  controllers: [ItemsController],
})
export class AppModule {}
