import { describe, expect, it } from '@jest/globals';
import { Controller, DynamicModule, Get, Module } from '@nestjs/common';
import { Cors, CorsModule } from '../../../lib/index.js';
import { ADAPTERS } from '../utils/adapters.js';
import { PlainController } from './controllers.js';
import { expectProblems, expectStarts, problem, startupError } from './startup.js';

const APP = 'https://app.example.com';
const PARTNER = 'https://partner.example.org';
const ONCE = ["keep one forRoot() or forRootAsync(), in the root module, with every policy", "feature modules use @Cors('name') without importing CorsModule"];

@Controller('partners')
class PartnersController {
  @Cors('partners')
  @Get() list() { return []; }
}

/** A feature module that configures CorsModule a second time, for its own policy. */
@Module({ imports: [CorsModule.forRoot({ origin: [APP], policies: { partners: { origin: [PARTNER] } } })], controllers: [PartnersController] })
class PartnersModule {}

/** The same, with forRootAsync(). */
@Module({ imports: [CorsModule.forRootAsync({ useFactory: () => ({ origin: [APP], policies: { partners: { origin: [PARTNER] } } }) })], controllers: [PartnersController] })
class AsyncPartnersModule {}

/** A feature module whose register() imports CorsModule: the importer is found through the dynamic module. */
@Module({})
class ReportsModule {
  static register(): DynamicModule {
    return { module: ReportsModule, imports: [CorsModule.forRoot({ origin: [APP] })] };
  }
}

/** Imports the one forRoot() result it is given: the same module as the root's. */
const shared = CorsModule.forRoot({ origin: [APP], policies: { partners: { origin: [PARTNER] } } });
@Module({ imports: [shared], controllers: [PartnersController] })
class SharedImportModule {}

const asyncRoot = () => CorsModule.forRootAsync({ useFactory: () => ({ origin: [APP] }) });

describe.each(ADAPTERS)('startup validation: CorsModule imported twice (%s)', (_name, create) => {
  it.each<[string, () => unknown[], string[], string]>([
    ['forRoot() in the root module and in a feature module', () => [CorsModule.forRoot({ origin: [APP] }), PartnersModule], ['CorsModule.forRoot() in RootTestModule', 'CorsModule.forRoot() in PartnersModule'], 'RootTestModule, PartnersModule'],
    ['the same, the feature module imported first', () => [PartnersModule, CorsModule.forRoot({ origin: [APP] })], ['CorsModule.forRoot() in PartnersModule', 'CorsModule.forRoot() in RootTestModule'], 'PartnersModule, RootTestModule'],
    ['forRootAsync() twice', () => [asyncRoot(), AsyncPartnersModule], ['CorsModule.forRootAsync() in RootTestModule', 'CorsModule.forRootAsync() in AsyncPartnersModule'], 'RootTestModule, AsyncPartnersModule'],
    ['forRootAsync() in the root module, forRoot() in a feature module', () => [asyncRoot(), PartnersModule], ['CorsModule.forRootAsync() in RootTestModule', 'CorsModule.forRoot() in PartnersModule'], 'RootTestModule, PartnersModule'],
    ["forRoot() in a dynamic module's imports", () => [CorsModule.forRoot({ origin: [APP] }), ReportsModule.register()], ['CorsModule.forRoot() in RootTestModule', 'CorsModule.forRoot() in ReportsModule'], 'RootTestModule, ReportsModule'],
  ])('%s: one problem naming both places, and not the unknown policy it causes', async (_title, imports, places, location) => {
    const error = await startupError(create, { imports: imports() as never[], controllers: [PlainController] });
    expectProblems(error, [problem(location, 'module-imported-twice', 'imports', places, [`CorsModule is imported 2 times (${places.join('; ')})`, ...ONCE])]);
    expect(error.message).not.toContain('unknown-policy');
  });

  it('one forRoot() result imported by two modules is one CorsModule: the app starts', async () => {
    await expectStarts(create, { imports: [shared, SharedImportModule], controllers: [PlainController] });
  });
});
