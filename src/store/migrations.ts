/**
 * Schema migrations, applied in order, each once, each in its own transaction.
 * Never edit a migration that has shipped: add a new one.
 */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'votes and the unanswered-question queue',
    sql: `
      CREATE TABLE votes (
        guild_id   TEXT    NOT NULL,
        entry_id   TEXT    NOT NULL,
        user_id    TEXT    NOT NULL,
        value      INTEGER NOT NULL CHECK (value IN (-1, 1)),
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (guild_id, entry_id, user_id)
      );
      CREATE TABLE unanswered (
        guild_id       TEXT    NOT NULL,
        normalized     TEXT    NOT NULL,
        question       TEXT    NOT NULL,
        status         TEXT    NOT NULL,
        ask_count      INTEGER NOT NULL,
        first_asked_at INTEGER NOT NULL,
        last_asked_at  INTEGER NOT NULL,
        PRIMARY KEY (guild_id, normalized)
      );
    `,
  },
  {
    version: 2,
    description: 'server entries with their revisions, curator settings, pending imports, unanswered resolution',
    sql: `
      CREATE TABLE server_entries (
        entry_id        TEXT    PRIMARY KEY,
        guild_id        TEXT    NOT NULL,
        revision        INTEGER NOT NULL,
        overrides       TEXT,
        removed         INTEGER NOT NULL CHECK (removed IN (0, 1)),
        content         TEXT    NOT NULL,
        created_by_name TEXT    NOT NULL,
        created_at      INTEGER NOT NULL,
        updated_by_name TEXT    NOT NULL,
        updated_at      INTEGER NOT NULL
      );
      CREATE INDEX server_entries_by_guild ON server_entries (guild_id);
      CREATE UNIQUE INDEX server_entries_by_override ON server_entries (guild_id, overrides) WHERE overrides IS NOT NULL;
      CREATE TABLE entry_revisions (
        entry_id    TEXT    NOT NULL,
        revision    INTEGER NOT NULL,
        guild_id    TEXT    NOT NULL,
        action      TEXT    NOT NULL,
        removed     INTEGER NOT NULL CHECK (removed IN (0, 1)),
        content     TEXT    NOT NULL,
        author_id   TEXT    NOT NULL,
        author_name TEXT    NOT NULL,
        created_at  INTEGER NOT NULL,
        PRIMARY KEY (entry_id, revision)
      );
      CREATE TABLE guild_settings (
        guild_id        TEXT    PRIMARY KEY,
        curator_role_id TEXT,
        updated_at      INTEGER NOT NULL
      );
      CREATE TABLE pending_imports (
        id         TEXT    PRIMARY KEY,
        guild_id   TEXT    NOT NULL,
        user_id    TEXT    NOT NULL,
        plan       TEXT    NOT NULL,
        created_at INTEGER NOT NULL
      );
      ALTER TABLE unanswered ADD COLUMN resolution TEXT;
      ALTER TABLE unanswered ADD COLUMN first_asked_by TEXT;
    `,
  },
  {
    version: 3,
    description: 'imports being applied, so one interrupted by a crash is finished at the next start',
    sql: `
      ALTER TABLE pending_imports ADD COLUMN applying_at INTEGER;
      ALTER TABLE pending_imports ADD COLUMN applying_by TEXT;
    `,
  },
  {
    version: 4,
    description: 'form drafts: a curator text that could not be saved, for "Edit and retry"',
    sql: `
      CREATE TABLE form_drafts (
        id         TEXT    PRIMARY KEY,
        guild_id   TEXT    NOT NULL,
        user_id    TEXT    NOT NULL,
        form       TEXT    NOT NULL,
        content    TEXT    NOT NULL,
        created_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 5,
    description: 'the ask log: every question asked, with its outcome, for /faq stats; votes by time',
    sql: `
      CREATE TABLE ask_log (
        guild_id      TEXT    NOT NULL,
        asked_at      INTEGER NOT NULL,
        outcome       TEXT    NOT NULL CHECK (outcome IN ('answered', 'unsure', 'out_of_scope')),
        entry_id      TEXT,
        unanswered_id INTEGER
      );
      CREATE INDEX ask_log_by_guild ON ask_log (guild_id, asked_at, outcome, entry_id, unanswered_id);
      CREATE INDEX ask_log_by_time ON ask_log (asked_at);
      CREATE INDEX votes_by_guild_time ON votes (guild_id, updated_at);
    `,
  },
  {
    version: 6,
    description: 'auto-answer: opted-in channels, the confidence a server asks for, and the threads already handled',
    sql: `
      CREATE TABLE auto_answer_channels (
        guild_id   TEXT    NOT NULL,
        channel_id TEXT    NOT NULL,
        added_by   TEXT    NOT NULL,
        added_at   INTEGER NOT NULL,
        PRIMARY KEY (guild_id, channel_id)
      );
      CREATE TABLE auto_answer_settings (
        guild_id       TEXT    PRIMARY KEY,
        min_confidence REAL    NOT NULL,
        updated_at     INTEGER NOT NULL
      );
      CREATE TABLE auto_answered_threads (
        thread_id  TEXT    PRIMARY KEY,
        guild_id   TEXT    NOT NULL,
        channel_id TEXT    NOT NULL,
        author_id  TEXT,
        outcome    TEXT    NOT NULL,
        message_id TEXT,
        entry_id   TEXT,
        solved_by  TEXT,
        created_at INTEGER NOT NULL
      );
    `,
  },
];
