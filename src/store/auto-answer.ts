import type { Db } from './database.js';

/** What happened to a thread the bot saw: answered, queued as unanswered, or left alone (a cooldown). */
export type ThreadOutcome = 'pending' | 'answered' | 'queued' | 'skipped';

export interface HandledThread {
  threadId: string;
  guildId: string;
  channelId: string;
  authorId: string | null;
  outcome: ThreadOutcome;
  messageId: string | null;
  entryId: string | null;
  solvedBy: string | null;
}

const THREAD_COLUMNS = `thread_id AS threadId, guild_id AS guildId, channel_id AS channelId, author_id AS authorId, outcome,
  message_id AS messageId, entry_id AS entryId, solved_by AS solvedBy`;

/**
 * Auto-answer in help forums and threads: the channels a server opted in, the confidence it asks for,
 * and every thread already handled, so that a restart or a repeated event never answers a thread twice.
 */
export class AutoAnswerStore {
  private readonly listChannels;
  private readonly hasChannel;
  private readonly insertChannel;
  private readonly deleteChannel;
  private readonly selectConfidence;
  private readonly upsertConfidence;
  private readonly claim;
  private readonly finish;
  private readonly selectThread;
  private readonly solve;

  constructor(db: Db) {
    this.listChannels = db.prepare('SELECT channel_id FROM auto_answer_channels WHERE guild_id = ? ORDER BY added_at, channel_id').pluck();
    this.hasChannel = db.prepare('SELECT 1 FROM auto_answer_channels WHERE guild_id = ? AND channel_id = ?').pluck();
    this.insertChannel = db.prepare(
      'INSERT INTO auto_answer_channels (guild_id, channel_id, added_by, added_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
    this.deleteChannel = db.prepare('DELETE FROM auto_answer_channels WHERE guild_id = ? AND channel_id = ?');
    this.selectConfidence = db.prepare('SELECT min_confidence FROM auto_answer_settings WHERE guild_id = ?').pluck();
    this.upsertConfidence = db.prepare(
      `INSERT INTO auto_answer_settings (guild_id, min_confidence, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (guild_id) DO UPDATE SET min_confidence = excluded.min_confidence, updated_at = excluded.updated_at`,
    );
    this.claim = db.prepare(
      `INSERT INTO auto_answered_threads (thread_id, guild_id, channel_id, author_id, outcome, created_at)
       VALUES (?, ?, ?, ?, 'pending', ?) ON CONFLICT (thread_id) DO NOTHING`,
    );
    this.finish = db.prepare('UPDATE auto_answered_threads SET outcome = ?, message_id = ?, entry_id = ? WHERE thread_id = ?');
    this.selectThread = db.prepare(`SELECT ${THREAD_COLUMNS} FROM auto_answered_threads WHERE guild_id = ? AND thread_id = ?`);
    this.solve = db.prepare('UPDATE auto_answered_threads SET solved_by = ? WHERE guild_id = ? AND thread_id = ? AND solved_by IS NULL');
  }

  /** The channels this server opted in, oldest first. */
  channels(guildId: string): string[] {
    return this.listChannels.all(guildId) as string[];
  }

  isEnabled(guildId: string, channelId: string): boolean {
    return this.hasChannel.get(guildId, channelId) !== undefined;
  }

  /** False when the channel was opted in already. */
  addChannel(guildId: string, channelId: string, addedBy: string, now = Date.now()): boolean {
    return this.insertChannel.run(guildId, channelId, addedBy, now).changes === 1;
  }

  /** False when the channel was not opted in. */
  removeChannel(guildId: string, channelId: string): boolean {
    return this.deleteChannel.run(guildId, channelId).changes === 1;
  }

  /** The confidence this server asks for, or undefined for the default. */
  minConfidence(guildId: string): number | undefined {
    return (this.selectConfidence.get(guildId) as number | undefined) ?? undefined;
  }

  setMinConfidence(guildId: string, confidence: number, now = Date.now()): void {
    this.upsertConfidence.run(guildId, confidence, now);
  }

  /**
   * Takes a thread for handling, durably, before anything is sent: true the first time only. A crash between
   * this and the answer leaves the thread unanswered, never answered twice.
   */
  claimThread(guildId: string, channelId: string, threadId: string, authorId: string | null, now = Date.now()): boolean {
    return this.claim.run(threadId, guildId, channelId, authorId, now).changes === 1;
  }

  finishThread(
    threadId: string,
    outcome: Exclude<ThreadOutcome, 'pending'>,
    answer: { messageId: string; entryId: string } | null = null,
  ): void {
    this.finish.run(outcome, answer?.messageId ?? null, answer?.entryId ?? null, threadId);
  }

  /** A thread of this server the bot handled (never another server's, whatever the id). */
  thread(guildId: string, threadId: string): HandledThread | undefined {
    return this.selectThread.get(guildId, threadId) as HandledThread | undefined;
  }

  /** Marks the thread solved; false when it was already. */
  markSolved(guildId: string, threadId: string, userId: string): boolean {
    return this.solve.run(userId, guildId, threadId).changes === 1;
  }
}
