import type { AskOutcome } from './ask-log.js';

/** What the bot writes after a reply has gone out, through `RecordWriter`'s thread. */
export type BackgroundRecord = {
  /** A question asked in a scope (a server id, or "dm"): in the ask log, and when not answered in the unanswered queue too. */
  kind: 'question';
  guildId: string;
  question: string;
  outcome: AskOutcome;
  /** The entry that answered it. */
  entryId?: string;
  askedBy: string | null;
  /** When it was asked, taken on the main thread. */
  at: number;
};

export type WriterRequest = { id: number; record: BackgroundRecord } | { id: number; refuseWrites: boolean };

/** A failure carries the SQLite code, so `writeFault` can tell what it means. */
export type WriterReply = { id: number; error?: { message: string; code?: string } };
