import type { Db } from './database.js';

export type AskOutcome = 'answered' | 'unsure' | 'out_of_scope';

export const DAY_MS = 86_400_000;

/**
 * How long a question stays in the log: the longest /faq stats window (30 days) and a margin for the
 * partial first day and a clock that moved. Older rows are pruned as new ones come in.
 */
export const ASK_LOG_RETENTION_MS = 35 * DAY_MS;
/**
 * Old rows deleted per question recorded, at most: the work per write stays bounded, and since each
 * write adds one row, the log never holds much more than the retention needs.
 */
const PRUNE_BATCH = 100;

export interface AskRecord {
  outcome: AskOutcome;
  /** The entry that answered, for an answered question. */
  entryId?: string | undefined;
  /** The unanswered-queue row an unsure or out-of-scope question was filed under. */
  unansweredId?: number | undefined;
}

/**
 * Every question asked, per server (the scope key), with its outcome: what /faq stats counts.
 * No wording and no person is kept here; unanswered wordings live in the unanswered queue.
 */
export interface AskTally {
  outcome: AskOutcome;
  entryId: string | null;
  unansweredId: number | null;
  count: number;
}

export class AskLogStore {
  private readonly insert;
  private readonly prune;
  private readonly nextQuery;
  private readonly tallyQuery;

  constructor(db: Db) {
    this.insert = db.prepare(
      'INSERT INTO ask_log (guild_id, asked_at, outcome, entry_id, unanswered_id) VALUES (@guildId, @now, @outcome, @entryId, @unansweredId)',
    );
    this.prune = db.prepare(
      `DELETE FROM ask_log WHERE rowid IN (SELECT rowid FROM ask_log WHERE asked_at < ? ORDER BY asked_at LIMIT ${PRUNE_BATCH})`,
    );
    // Both read the (guild_id, asked_at, ...) index and nothing else: a seek, and one range of it.
    this.nextQuery = db.prepare('SELECT MIN(asked_at) FROM ask_log WHERE guild_id = ? AND asked_at >= ? AND asked_at < ?').pluck();
    this.tallyQuery = db.prepare(
      `SELECT outcome, entry_id AS entryId, unanswered_id AS unansweredId, COUNT(*) AS count FROM ask_log
       WHERE guild_id = ? AND asked_at >= ? AND asked_at < ? GROUP BY outcome, entry_id, unanswered_id`,
    );
  }

  /** Records one question, and prunes a bounded batch of rows past the retention. */
  record(guildId: string, record: AskRecord, now = Date.now()): void {
    this.insert.run({
      guildId,
      now,
      outcome: record.outcome,
      entryId: record.outcome === 'answered' ? (record.entryId ?? null) : null,
      unansweredId: record.outcome === 'answered' ? null : (record.unansweredId ?? null),
    });
    this.prune.run(now - ASK_LOG_RETENTION_MS);
  }

  /** When the first question in [from, until) was asked, if any: lets a reader skip the empty stretches. */
  nextAskedAt(guildId: string, from: number, until: number): number | undefined {
    return (this.nextQuery.get(guildId, from, until) as number | null) ?? undefined;
  }

  /**
   * The questions asked in [since, until), counted by outcome and answering entry or queue row. Callers read
   * a long window as short ranges (see serverStatsSteps), so no one query holds the event loop for long.
   */
  tally(guildId: string, since: number, until: number): AskTally[] {
    return this.tallyQuery.all(guildId, since, until) as AskTally[];
  }
}
