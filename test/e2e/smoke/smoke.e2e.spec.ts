import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { Controller, Delete, Get, Module, Param, Put } from '@nestjs/common';
import { Cors, CorsModule } from '../../../lib/index.js';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { corsHeaders, preflight, send } from '../utils/http.js';

@Controller('items')
class ItemsController {
  @Get(':id') get(@Param('id') id: string) { return { id }; }
  @Put(':id') put(@Param('id') id: string) { return { id }; }
  @Cors({ origin: 'https://admin.example.com' })
  @Delete(':id') remove(@Param('id') id: string) { return { id }; }
}

@Module({ imports: [CorsModule.forRoot({ origin: ['https://app.example.com'] })], controllers: [ItemsController] })
class AppModule {}

describe.each(ADAPTERS)('smoke (%s)', (_name, create) => {
  let running: RunningApp;
  beforeAll(async () => { running = await startApp(create, AppModule); });
  afterAll(async () => { await running.close(); });

  it('answers an allowed preflight', async () => {
    const res = await preflight(running.url, '/items/1', 'https://app.example.com', 'PUT', 'content-type');
    expect(res.status).toBe(204);
    expect(corsHeaders(res)).toEqual({
      'access-control-allow-origin': ['https://app.example.com'],
      'access-control-allow-methods': ['PUT'],
      'access-control-allow-headers': ['content-type'],
    });
  });
  it('refuses DELETE from app origin', async () => {
    const res = await preflight(running.url, '/items/1', 'https://app.example.com', 'DELETE');
    expect(res.status).toBe(403);
    expect(corsHeaders(res)).toEqual({});
  });
  it('actual GET', async () => {
    const res = await send(running.url, 'GET', '/items/1', { Origin: 'https://app.example.com' });
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toEqual(['https://app.example.com']);
    expect(res.headers['vary']).toEqual(['Origin']);
  });
});
