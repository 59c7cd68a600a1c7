import { describe, expect, it } from '@jest/globals';
import type { Logger } from '@nestjs/common';
import { OriginSetChanges, StoreHealth } from '../../../lib/internal/origin-store/store-health.js';

const refused = new Error('connect ECONNREFUSED 127.0.0.1:6379');
const none: OriginSetChanges = { added: [], removed: [] };
const entries = (count: number, policy = 'default') => Array.from({ length: count }, (_, i) => ({ policy, origin: `https://o${i}.example.com` }));

type Event = (health: StoreHealth) => void;

describe('StoreHealth: what an outage and a sync log', () => {
  it.each<{ name: string; events: Event[]; lines: unknown[] }>([
    { name: 'a first sync that works says nothing', events: [(h) => h.starting(), (h) => h.synced(0, { added: entries(1), removed: [] }, 1), (h) => h.started()], lines: [] },
    {
      name: 'a first sync that fails: one warning, with the connection error, however many there were',
      events: [(h) => h.starting(), (h) => h.unavailable(refused), (h) => h.unavailable(refused), (h) => h.startedWithout(new Error('no answer within 3000 ms'))],
      lines: ['warn Origin store unavailable at startup (no answer within 3000 ms: connect ECONNREFUSED 127.0.0.1:6379); starting without runtime origins, they are loaded when it is back'],
    },
    {
      name: 'the store comes later and gives origins: one warning that says which',
      events: [(h) => h.starting(), (h) => h.startedWithout(new Error('no answer within 3000 ms')), (h) => h.synced(0, { added: entries(1), removed: [] }, 1)],
      lines: [
        'warn Origin store unavailable at startup (no answer within 3000 ms); starting without runtime origins, they are loaded when it is back',
        'warn Origin store back after N s: added https://o0.example.com (default)',
      ],
    },
    {
      name: 'an outage that changes nothing: one warning, one line at log level',
      events: [(h) => h.unavailable(refused), (h) => h.unavailable(refused), (h) => h.syncFailed(refused), (h) => h.synced(0, none, 2)],
      lines: [
        'warn Origin store unavailable (connect ECONNREFUSED 127.0.0.1:6379); serving the last known runtime origins until it is back, allowOrigin/revokeOrigin are refused meanwhile',
        'log Origin store back after N s: runtime origins unchanged (2)',
      ],
    },
    {
      name: 'a connection closed without an error',
      events: [(h) => h.unavailable()],
      lines: ['warn Origin store unavailable (connection closed); serving the last known runtime origins until it is back, allowOrigin/revokeOrigin are refused meanwhile'],
    },
    {
      name: 'Redis came back empty: the instance that put records back says so at warn level',
      events: [(h) => h.unavailable(refused), (h) => h.synced(3, none, 2)],
      lines: [expect.stringMatching(/^warn Origin store unavailable/), 'warn Origin store back after N s: the store had lost 3 records this instance held, put back'],
    },
    {
      name: 'a sync outside an outage that changes the local sets: a warning with what was added and removed',
      events: [(h) => h.synced(1, { added: entries(1, 'partners'), removed: [{ policy: 'default', origin: 'https://gone.example.com' }] }, 1)],
      lines: ['warn Origin store sync: the store had lost 1 record this instance held, put back; added https://o0.example.com (partners); removed https://gone.example.com (default)'],
    },
    { name: 'a sync outside an outage that changes nothing says nothing', events: [(h) => h.synced(0, none, 5)], lines: [] },
    {
      name: 'long lists name ten origins and count the rest',
      events: [(h) => h.synced(0, { added: entries(12), removed: [] }, 12)],
      lines: [`warn Origin store sync: added ${entries(10).map((e) => `${e.origin} (default)`).join(', ')} and 2 more`],
    },
  ])('$name', ({ events, lines }) => {
    const logged: string[] = [];
    const logger = { log: (m: string) => logged.push(`log ${m}`), warn: (m: string) => logged.push(`warn ${m}`) } as unknown as Logger;
    const health = new StoreHealth(logger);
    for (const event of events) event(health);
    expect(logged.map((line) => line.replace(/after \d+\.\d s/, 'after N s'))).toEqual(lines);
  });
});
