import { foldText } from '../search/normalize.js';
import type { Db } from './database.js';

export type UnansweredResolution = 'dismissed' | 'added' | 'phrasing';

export interface UnansweredQuestion {
  /** Stable id of the row, small enough for a button's custom_id. */
  id: number;
  guildId: string;
  question: string;
  status: string;
  askCount: number;
  firstAskedAt: number;
  lastAskedAt: number;
  firstAskedBy: string | null;
  resolution: UnansweredResolution | null;
}

/** Same wording, ignoring case, accents, punctuation and spacing. */
function normalizeQuestion(question: string): string {
  return foldText(question)
    .replace(/[^\p{L}\p{N}#+]+/gu, ' ')
    .trim();
}

const COLUMNS = `rowid AS id, guild_id AS guildId, question, status, ask_count AS askCount, first_asked_at AS firstAskedAt,
  last_asked_at AS lastAskedAt, first_asked_by AS firstAskedBy, resolution`;

/** Questions the bot could not answer, per server, with how often they were asked. */
export class UnansweredStore {
  private readonly upsert;
  private readonly listQuery;
  private readonly getQuery;
  private readonly findQuery;
  private readonly resolveQuery;

  constructor(db: Db) {
    // The first wording is kept. A dismissed question stays dismissed; one that was answered by a new entry but still
    // comes back unanswered returns to the queue.
    this.upsert = db
      .prepare(
        `INSERT INTO unanswered (guild_id, normalized, question, status, ask_count, first_asked_at, last_asked_at, first_asked_by)
       VALUES (@guildId, @normalized, @question, @status, 1, @now, @now, @askedBy)
       ON CONFLICT (guild_id, normalized) DO UPDATE SET
         ask_count = ask_count + 1, last_asked_at = @now, status = @status,
         resolution = CASE WHEN resolution = 'dismissed' THEN resolution ELSE NULL END
       RETURNING rowid`,
      )
      .pluck();
    this.listQuery = db.prepare(
      `SELECT ${COLUMNS} FROM unanswered WHERE guild_id = ? AND resolution IS NULL
       ORDER BY ask_count DESC, last_asked_at DESC LIMIT ?`,
    );
    this.getQuery = db.prepare(`SELECT ${COLUMNS} FROM unanswered WHERE guild_id = ? AND rowid = ?`);
    this.findQuery = db.prepare(`SELECT ${COLUMNS} FROM unanswered WHERE guild_id = ? AND normalized = ? AND resolution IS NULL`);
    this.resolveQuery = db.prepare('UPDATE unanswered SET resolution = ? WHERE guild_id = ? AND rowid = ?');
  }

  /** Files a question (a new row, or one more ask of the same wording); returns its row's id. */
  record(guildId: string, question: string, status: 'unsure' | 'out_of_scope', askedBy: string | null = null, now = Date.now()): number {
    return this.upsert.get({ guildId, normalized: normalizeQuestion(question), question, status, now, askedBy }) as number;
  }

  /** Open questions, most asked first. */
  list(guildId: string, limit = 50): UnansweredQuestion[] {
    return this.listQuery.all(guildId, limit) as UnansweredQuestion[];
  }

  /** A question of this server (never another server's, whatever the id). */
  get(guildId: string, id: number): UnansweredQuestion | undefined {
    return this.getQuery.get(guildId, id) as UnansweredQuestion | undefined;
  }

  /** The open question asked in these words (ignoring case, accents, punctuation and spacing), if any. */
  findOpen(guildId: string, question: string): UnansweredQuestion | undefined {
    return this.findQuery.get(guildId, normalizeQuestion(question)) as UnansweredQuestion | undefined;
  }

  resolve(guildId: string, ids: readonly number[], resolution: UnansweredResolution): void {
    for (const id of ids) this.resolveQuery.run(resolution, guildId, id);
  }
}
