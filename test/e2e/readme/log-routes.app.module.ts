import { Controller, Delete, Get, Module } from '@nestjs/common';
import { Cors, CorsModule } from 'nestjs-cors';

@Controller('items')
export class ItemsController {
  @Get(':id')
  get() {}

  @Cors('admins')
  @Delete(':id')
  remove() {}
}

@Cors(false)
@Controller('internal')
export class InternalController {
  @Get()
  get() {}
}

@Module({
  imports: [
    CorsModule.forRoot({
      origin: ['https://app.example.com'],
      maxAge: 600,
      logRoutes: true,
      policies: { admins: { origin: ['https://admin.example.com'], credentials: true } },
      paths: { '/graphql': 'admins' },
    }),
  ],
  controllers: [ItemsController, InternalController],
})
export class AppModule {}
