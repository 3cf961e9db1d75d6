import type { Db } from './database.js';

export type VoteValue = 1 | -1;

export interface VoteTally {
  helpful: number;
  notHelpful: number;
}

/** One vote per user per entry per server. Votes of one server never count in another. */
export class VoteStore {
  private readonly select;
  private readonly upsert;
  private readonly remove;
  private readonly tallyQuery;
  private readonly leastHelpfulQuery;
  private readonly helpfulSinceQuery;
  private readonly notHelpfulSinceQuery;

  constructor(private readonly db: Db) {
    this.select = db.prepare('SELECT value FROM votes WHERE guild_id = ? AND entry_id = ? AND user_id = ?').pluck();
    this.upsert = db.prepare(
      `INSERT INTO votes (guild_id, entry_id, user_id, value, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (guild_id, entry_id, user_id) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    );
    this.remove = db.prepare('DELETE FROM votes WHERE guild_id = ? AND entry_id = ? AND user_id = ?');
    this.tallyQuery = db.prepare(
      `SELECT COALESCE(SUM(value = 1), 0) AS helpful, COALESCE(SUM(value = -1), 0) AS notHelpful
       FROM votes WHERE guild_id = ? AND entry_id = ?`,
    );
    this.leastHelpfulQuery = db.prepare(
      `SELECT entry_id AS entryId, SUM(value = 1) AS helpful, SUM(value = -1) AS notHelpful
       FROM votes WHERE guild_id = ? GROUP BY entry_id HAVING notHelpful > 0
       ORDER BY notHelpful DESC, helpful ASC, entry_id LIMIT ?`,
    );
    // For /faq stats: the votes cast or changed since a moment (the votes_by_guild_time index), per entry. An entry is in
    // one list or the other: mostly "Helpful", or at least as much "Not helpful".
    const sinceTally = `SELECT entry_id AS entryId, SUM(value = 1) AS helpful, SUM(value = -1) AS notHelpful
       FROM votes WHERE guild_id = ? AND updated_at >= ? GROUP BY entry_id`;
    this.helpfulSinceQuery = db.prepare(
      `${sinceTally} HAVING helpful > notHelpful ORDER BY helpful DESC, notHelpful ASC, entry_id LIMIT ?`,
    );
    this.notHelpfulSinceQuery = db.prepare(
      `${sinceTally} HAVING notHelpful > 0 AND notHelpful >= helpful ORDER BY notHelpful DESC, helpful ASC, entry_id LIMIT ?`,
    );
  }

  /** Entries whose votes since `since` are mostly "Helpful", most such votes first. */
  mostHelpfulSince(guildId: string, since: number, limit: number): ({ entryId: string } & VoteTally)[] {
    return this.helpfulSinceQuery.all(guildId, since, limit) as ({ entryId: string } & VoteTally)[];
  }

  /** Entries whose votes since `since` are at least as much "Not helpful" as "Helpful", most such votes first. */
  leastHelpfulSince(guildId: string, since: number, limit: number): ({ entryId: string } & VoteTally)[] {
    return this.notHelpfulSinceQuery.all(guildId, since, limit) as ({ entryId: string } & VoteTally)[];
  }

  /** Entries with "Not helpful" votes in a server, most such votes first. */
  leastHelpful(guildId: string, limit: number): ({ entryId: string } & VoteTally)[] {
    return this.leastHelpfulQuery.all(guildId, limit) as ({ entryId: string } & VoteTally)[];
  }

  /**
   * Records a click: a first vote is stored, the other button changes it, the same button
   * again takes it back. Returns the user's vote after the click and the new tally.
   */
  toggle(
    guildId: string,
    entryId: string,
    userId: string,
    value: VoteValue,
    now = Date.now(),
  ): { vote: VoteValue | null; tally: VoteTally } {
    return this.db
      .transaction(() => {
        const current = this.select.get(guildId, entryId, userId) as VoteValue | undefined;
        let vote: VoteValue | null;
        if (current === value) {
          this.remove.run(guildId, entryId, userId);
          vote = null;
        } else {
          this.upsert.run(guildId, entryId, userId, value, now);
          vote = value;
        }
        return { vote, tally: this.tally(guildId, entryId) };
      })
      .immediate();
  }

  /** This person's vote on an entry, if any. */
  voteOf(guildId: string, entryId: string, userId: string): VoteValue | null {
    return (this.select.get(guildId, entryId, userId) as VoteValue | undefined) ?? null;
  }

  tally(guildId: string, entryId: string): VoteTally {
    return this.tallyQuery.get(guildId, entryId) as VoteTally;
  }
}
