import { Controller, Delete, Get, INestApplication, Param, Put } from '@nestjs/common';
import type { CorsDecisionEvent, CorsModuleOptions } from '../../../lib/index.js';
import { Cors } from '../../../lib/index.js';

export const APP = 'https://app.example.com';
export const ADMIN = 'https://admin.example.com';
export const PARTNER = 'https://partner.example.org';
export const EVIL = 'https://evil.example.net';

@Controller('items')
export class ItemsController {
  @Get()
  list() {
    return ['a'];
  }

  @Put(':id')
  put(@Param('id') id: string) {
    return { id };
  }

  @Delete(':id')
  @Cors({ origin: [ADMIN] })
  remove(@Param('id') id: string) {
    return { id };
  }
}

@Controller('partners')
@Cors('partners')
export class PartnersController {
  @Get('feed')
  feed() {
    return ['news'];
  }
}

@Controller('health')
@Cors(false)
export class HealthController {
  @Get()
  ok() {
    return 'ok';
  }
}

export const CONTROLLERS = [ItemsController, PartnersController, HealthController];

/**
 * The module options of the observability suites: module defaults, a named policy with
 * credentials, an inline handler override, `@Cors(false)`, and `paths` entries on `app.use()`
 * endpoints (one with a policy, one without CORS).
 */
export function observedOptions(extra: Partial<CorsModuleOptions> = {}): CorsModuleOptions {
  return {
    origin: [APP],
    allowedHeaders: ['content-type'],
    exposedHeaders: ['x-request-id'],
    policies: { partners: { origin: [PARTNER], credentials: true } },
    paths: { '/hooks/*': 'partners', '/off': false },
    ...extra,
  };
}

/** Mounts the `app.use()` endpoints the `paths` entries are about (what `main.ts` would do). */
export function mountEndpoints(app: INestApplication): void {
  const answer = (body: string) => (_req: unknown, res: { statusCode: number; setHeader(n: string, v: string): void; end(b: string): void }) => {
    res.statusCode = 200;
    res.setHeader('content-type', 'text/plain');
    res.end(body);
  };
  app.use('/hooks', answer('hooked'));
  app.use('/off', answer('off'));
}

/** What a test compares of an event: everything but the request object and the time. */
export type SeenEvent = Omit<CorsDecisionEvent, 'request' | 'time'>;

/** Keeps the events a listener was given, in order. */
export class EventLog {
  readonly events: CorsDecisionEvent[] = [];
  readonly listener = (event: CorsDecisionEvent): void => void this.events.push(event);

  /** The events so far, without request and time, and forgets them. */
  take(): SeenEvent[] {
    return this.events.splice(0).map(({ request: _request, time: _time, ...rest }) => rest);
  }
}

/** An event as most tests expect it: not report-only, the defaults of the other fields filled in. */
export function seen(event: Partial<SeenEvent> & Pick<SeenEvent, 'kind' | 'endpoint' | 'policy' | 'verdict' | 'reason'>): SeenEvent {
  return { transport: 'http', origin: undefined, detail: undefined, credentials: false, enforced: undefined, ...event };
}

/** The `Access-Control-*` and `Vary` headers of a response, for exact comparisons (absent ones absent). */
export function corsHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if ((name.startsWith('access-control-') || name === 'vary') && value !== undefined) picked[name] = String(value);
  }
  return picked;
}
