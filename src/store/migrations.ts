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
];
