import { foldText } from '../search/normalize.js';
import type { Db } from './database.js';

export interface UnansweredQuestion {
  guildId: string;
  question: string;
  status: string;
  askCount: number;
  firstAskedAt: number;
  lastAskedAt: number;
}

/** Same wording, ignoring case, accents, punctuation and spacing. */
export function normalizeQuestion(question: string): string {
  return foldText(question).replace(/[^\p{L}\p{N}#+]+/gu, ' ').trim();
}

/** Questions the bot could not answer, per server, with how often they were asked. */
export class UnansweredStore {
  private readonly upsert;
  private readonly listQuery;

  constructor(db: Db) {
    this.upsert = db.prepare(
      `INSERT INTO unanswered (guild_id, normalized, question, status, ask_count, first_asked_at, last_asked_at)
       VALUES (@guildId, @normalized, @question, @status, 1, @now, @now)
       ON CONFLICT (guild_id, normalized) DO UPDATE SET
         ask_count = ask_count + 1, last_asked_at = @now, status = @status, question = @question`,
    );
    this.listQuery = db.prepare(
      `SELECT guild_id AS guildId, question, status, ask_count AS askCount,
              first_asked_at AS firstAskedAt, last_asked_at AS lastAskedAt
       FROM unanswered WHERE guild_id = ? ORDER BY ask_count DESC, last_asked_at DESC LIMIT ?`,
    );
  }

  record(guildId: string, question: string, status: 'unsure' | 'out_of_scope', now = Date.now()): void {
    this.upsert.run({ guildId, normalized: normalizeQuestion(question), question, status, now });
  }

  list(guildId: string, limit = 50): UnansweredQuestion[] {
    return this.listQuery.all(guildId, limit) as UnansweredQuestion[];
  }
}
