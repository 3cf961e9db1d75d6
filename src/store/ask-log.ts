import type { Db } from './database.js';

type AskOutcome = 'answered' | 'unsure' | 'out_of_scope';

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

export interface OutcomeCounts {
  answered: number;
  unsure: number;
  outOfScope: number;
}

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
export class AskLogStore {
  private readonly insert;
  private readonly prune;
  private readonly outcomesQuery;
  private readonly dailyQuery;
  private readonly mostAskedQuery;
  private readonly unansweredQuery;

  constructor(db: Db) {
    this.insert = db.prepare(
      'INSERT INTO ask_log (guild_id, asked_at, outcome, entry_id, unanswered_id) VALUES (@guildId, @now, @outcome, @entryId, @unansweredId)',
    );
    this.prune = db.prepare(
      `DELETE FROM ask_log WHERE rowid IN (SELECT rowid FROM ask_log WHERE asked_at < ? ORDER BY asked_at LIMIT ${PRUNE_BATCH})`,
    );
    // Each query reads one range of the (guild_id, asked_at, ...) index and nothing else.
    this.outcomesQuery = db.prepare(
      `SELECT COALESCE(SUM(outcome = 'answered'), 0) AS answered, COALESCE(SUM(outcome = 'unsure'), 0) AS unsure,
         COALESCE(SUM(outcome = 'out_of_scope'), 0) AS outOfScope
       FROM ask_log WHERE guild_id = ? AND asked_at >= ? AND asked_at < ?`,
    );
    this.dailyQuery = db.prepare(
      `SELECT CAST((asked_at - @since) / ${DAY_MS} AS INTEGER) AS day, COALESCE(SUM(outcome = 'answered'), 0) AS answered,
         COALESCE(SUM(outcome = 'unsure'), 0) AS unsure, COALESCE(SUM(outcome = 'out_of_scope'), 0) AS outOfScope
       FROM ask_log WHERE guild_id = @guildId AND asked_at >= @since AND asked_at < @until GROUP BY day ORDER BY day`,
    );
    this.mostAskedQuery = db.prepare(
      `SELECT entry_id AS entryId, COUNT(*) AS count FROM ask_log
       WHERE guild_id = ? AND asked_at >= ? AND asked_at < ? AND outcome = 'answered' AND entry_id IS NOT NULL
       GROUP BY entry_id ORDER BY count DESC, entry_id LIMIT ?`,
    );
    this.unansweredQuery = db.prepare(
      `SELECT unanswered_id AS id, COUNT(*) AS count FROM ask_log
       WHERE guild_id = ? AND asked_at >= ? AND asked_at < ? AND unanswered_id IS NOT NULL
       GROUP BY unanswered_id ORDER BY count DESC, unanswered_id LIMIT ?`,
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

  /** Questions asked in [since, until), by outcome. */
  outcomes(guildId: string, since: number, until: number): OutcomeCounts {
    return this.outcomesQuery.get(guildId, since, until) as OutcomeCounts;
  }

  /** Questions per day from `since` (day 0) up to `until`, by outcome; days with none are left out. */
  daily(guildId: string, since: number, until: number): (OutcomeCounts & { day: number })[] {
    return this.dailyQuery.all({ guildId, since, until }) as (OutcomeCounts & { day: number })[];
  }

  /** The entries that answered most often in [since, until). */
  mostAsked(guildId: string, since: number, until: number, limit: number): { entryId: string; count: number }[] {
    return this.mostAskedQuery.all(guildId, since, until, limit) as { entryId: string; count: number }[];
  }

  /** The unanswered-queue rows asked most often in [since, until), with how often. */
  unansweredAsks(guildId: string, since: number, until: number, limit: number): { id: number; count: number }[] {
    return this.unansweredQuery.all(guildId, since, until, limit) as { id: number; count: number }[];
  }
}
