import {
  CanActivate, Controller, Delete, DynamicModule, ExecutionContext, Get, Header, Headers, Injectable, Module, Patch, Put,
  UnauthorizedException, UseGuards,
} from '@nestjs/common';
import { Cors, CorsModule } from '../../lib/index.js';

/** The page origins the scenarios run in (all served by the page server, see support/page-server.ts). */
export interface ScenarioOrigins {
  /** The app's own front end: `http://127.0.0.1:<page port>` (same site as the API, another origin). */
  app: string;
  /** An admin console: `http://localhost:<page port>`. */
  admin: string;
  /** The subdomain pattern: `http://*.app.test:<page port>`. */
  subdomains: string;
}

/** Headers every simple GET answers with: one exposed, one not, and a cookie scripts never see. */
@Controller('simple')
class SimpleController {
  @Get()
  @Header('X-Request-Id', 'req-42')
  @Header('X-Internal', 'secret')
  @Header('Set-Cookie', 'probe=1; Path=/simple')
  read() {
    return { data: 'simple' };
  }
}

/** Preflighted writes: only PUT and DELETE, only Content-Type and X-Trace. */
@Cors('strict')
@Controller('docs')
class DocsController {
  @Put(':id')
  put() {
    return { put: true };
  }

  @Delete(':id')
  remove() {
    return { deleted: true };
  }

  /** Not in the policy's methods: every preflight for it is refused. */
  @Patch(':id')
  patch() {
    return { patched: true };
  }

  /** PATCH is allowed here, spelled as browsers send it only when the script uppercases it. */
  @Cors('strict', { methods: ['PATCH'] })
  @Patch(':id/title')
  retitle() {
    return { retitled: true };
  }
}

/** Cookies: set by the API, sent back by the browser, readable only under a credentialed policy. */
@Controller('session')
class SessionController {
  @Cors('session')
  @Get('login')
  @Header('Set-Cookie', 'sid=browser-session; Path=/; HttpOnly')
  login() {
    return { loggedIn: true };
  }

  @Cors('session')
  @Get('whoami')
  whoami(@Headers('cookie') cookie?: string) {
    return { cookie: cookie ?? null };
  }

  /** The module defaults: the same origin, without credentials. */
  @Get('whoami-without-credentials')
  whoamiWithoutCredentials(@Headers('cookie') cookie?: string) {
    return { cookie: cookie ?? null };
  }

  /** `origin: '*'`: public data, never with credentials. */
  @Cors('public')
  @Get('whoami-public')
  whoamiPublic(@Headers('cookie') cookie?: string) {
    return { cookie: cookie ?? null };
  }
}

/** One path, two policies: anyone the defaults allow may read, only the admin console may delete. */
@Controller('items')
class ItemsController {
  @Get(':id')
  get() {
    return { id: 1, name: 'lamp' };
  }

  @Cors('admin')
  @Delete(':id')
  remove() {
    return { deleted: true };
  }
}

/** Stands in for real authentication; preflights never reach it. */
@Injectable()
class TokenGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>();
    if (request.headers.authorization !== 'Bearer good') throw new UnauthorizedException('token required');
    return true;
  }
}

@Cors('auth')
@UseGuards(TokenGuard)
@Controller('account')
class AccountController {
  @Get('me')
  me() {
    return { user: 'ada' };
  }
}

@Controller('failing')
class FailingController {
  @Get()
  fail(): never {
    throw new Error('handler bug');
  }
}

/** Preflight caching: `maxAge: 600` against `maxAge: 0`. */
@Controller()
class CachingController {
  @Cors('cached')
  @Put('cached/:id')
  cached() {
    return { cached: true };
  }

  @Cors('uncached')
  @Put('uncached/:id')
  uncached() {
    return { cached: false };
  }
}

@Cors(false)
@Controller('closed')
class ClosedController {
  @Get()
  read() {
    return { closed: true };
  }
}

/** Its policy starts with no origin at all; the test allows and revokes one at runtime. */
@Cors('runtime')
@Controller('runtime')
class RuntimeController {
  @Get()
  read() {
    return { runtime: true };
  }
}

@Cors('subdomains')
@Controller('widgets')
class WidgetsController {
  @Get()
  read() {
    return { widget: 'clock' };
  }
}

/** The API every browser scenario calls, configured for the page origins of this run. */
@Module({})
export class ScenariosAppModule {
  static forOrigins(origins: ScenarioOrigins): DynamicModule {
    return {
      module: ScenariosAppModule,
      imports: [
        CorsModule.forRoot({
          origin: [origins.app],
          exposedHeaders: ['X-Request-Id'],
          policies: {
            strict: { methods: ['PUT', 'DELETE'], allowedHeaders: ['Content-Type', 'X-Trace'] },
            session: { credentials: true },
            admin: { origin: [origins.admin], credentials: true },
            public: { origin: '*' },
            auth: { allowedHeaders: ['Authorization'] },
            cached: { maxAge: 600 },
            uncached: { maxAge: 0 },
            runtime: { origin: [] },
            subdomains: { origin: origins.subdomains },
          },
        }),
      ],
      controllers: [
        SimpleController, DocsController, SessionController, ItemsController, AccountController, FailingController,
        CachingController, ClosedController, RuntimeController, WidgetsController,
      ],
    };
  }
}
