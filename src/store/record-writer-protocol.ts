/** What the bot writes after a reply has gone out, through `RecordWriter`'s thread. */
export type BackgroundRecord = {
  kind: 'unanswered';
  guildId: string;
  question: string;
  status: 'unsure' | 'out_of_scope';
  askedBy: string | null;
  /** When it was asked, taken on the main thread. */
  at: number;
};

export type WriterRequest = { id: number; record: BackgroundRecord } | { id: number; refuseWrites: boolean };

/** A failure carries the SQLite code, so `writeFault` can tell what it means. */
export type WriterReply = { id: number; error?: { message: string; code?: string } };
