import type { Logger } from '@nestjs/common';
import { errorMessage } from './error-message.js';

/** What a sync changed in this instance's runtime origin sets. */
export interface OriginSetChanges {
  added: Array<{ policy: string; origin: string }>;
  removed: Array<{ policy: string; origin: string }>;
}

/** Origins named in one log line at most; the rest are counted. */
const LISTED = 10;

/**
 * Whether the origin store is reachable, as this instance sees it, and the log lines about it:
 * one warning when an outage starts (however many connection errors follow), one line when it
 * ends (warn if the sync that ends it changed anything, log otherwise), and a warning for any
 * other sync that changed the local sets or had to put records back.
 */
export class StoreHealth {
  private phase: 'starting' | 'up' | 'down' = 'up';
  private downSince = 0;
  /** The last connection error seen while starting, for the startup line. */
  private startError: unknown;

  constructor(private readonly logger: Logger) {}

  /** The first sync is under way: errors are reported by `startedWithout` if it fails. */
  starting(): void {
    this.phase = 'starting';
  }

  /** The first sync succeeded. */
  started(): void {
    if (this.phase === 'starting') this.phase = 'up';
  }

  /** The first sync failed or timed out: the instance starts with its configured origins only. */
  startedWithout(error: unknown): void {
    if (this.phase !== 'starting') return;
    this.goDown();
    const cause = this.startError === undefined ? '' : `: ${errorMessage(this.startError)}`;
    this.logger.warn(`Origin store unavailable at startup (${errorMessage(error)}${cause}); starting without runtime origins, they are loaded when it is back`);
  }

  /** A connection was lost or a command failed. */
  unavailable(error?: unknown): void {
    if (this.phase === 'starting') {
      if (error !== undefined) this.startError = error;
      return;
    }
    if (this.phase === 'down') return;
    this.goDown();
    const reason = error === undefined ? 'connection closed' : errorMessage(error);
    this.logger.warn(`Origin store unavailable (${reason}); serving the last known runtime origins until it is back, allowOrigin/revokeOrigin are refused meanwhile`);
  }

  /** A sync failed: an outage if none was known. */
  syncFailed(error: unknown): void {
    this.unavailable(error);
  }

  /** A sync succeeded: `putBack` records went back into the store, `changes` into the local sets. */
  synced(putBack: number, changes: OriginSetChanges, total: number): void {
    if (this.phase === 'starting') return;
    const wasDown = this.phase === 'down';
    this.phase = 'up';
    const facts: string[] = [];
    if (putBack > 0) facts.push(`the store had lost ${putBack} record${putBack === 1 ? '' : 's'} this instance held, put back`);
    if (changes.added.length > 0) facts.push(`added ${listed(changes.added)}`);
    if (changes.removed.length > 0) facts.push(`removed ${listed(changes.removed)}`);
    if (wasDown) {
      const after = `Origin store back after ${((Date.now() - this.downSince) / 1000).toFixed(1)} s`;
      if (facts.length > 0) this.logger.warn(`${after}: ${facts.join('; ')}`);
      else this.logger.log(`${after}: runtime origins unchanged (${total})`);
    } else if (facts.length > 0) {
      this.logger.warn(`Origin store sync: ${facts.join('; ')}`);
    }
  }

  private goDown(): void {
    this.phase = 'down';
    this.downSince = Date.now();
  }
}

function listed(entries: ReadonlyArray<{ policy: string; origin: string }>): string {
  const names = entries.slice(0, LISTED).map(({ policy, origin }) => `${origin} (${policy})`);
  const more = entries.length - LISTED;
  return more > 0 ? `${names.join(', ')} and ${more} more` : names.join(', ');
}
