import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations.js';

export type Db = Database.Database;

/** A store that cannot be used at all: the message is one line for the person running the bot. */
export class StoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreError';
  }
}

export const DATABASE_FILE = 'stackwise.sqlite';

/**
 * Opens (creating if needed) the SQLite store in `dataDir` and brings its schema up to date.
 * WAL with synchronous=FULL: a committed transaction survives a crash or a kill, and a
 * transaction cut short leaves nothing behind.
 */
export function openDatabase(dataDir: string, migrations: readonly Migration[] = MIGRATIONS): Db {
  const file = path.join(dataDir, DATABASE_FILE);
  let db: Db;
  try {
    mkdirSync(dataDir, { recursive: true });
    db = new Database(file);
    db.pragma('journal_mode = WAL');
  } catch (error) {
    if (isDamaged(error)) throw damaged(file, (error as Error).message);
    throw new StoreError(`DATA_DIR ${dataDir} cannot hold the database (${(error as Error).message}); set DATA_DIR to a writable folder`);
  }
  // A damaged page would make every later write fail; better to stop now and say how to restore.
  let check: unknown;
  try {
    check = db.pragma('quick_check', { simple: true });
  } catch (error) {
    check = (error as Error).message;
  }
  if (check !== 'ok') {
    db.close();
    throw damaged(file, String(check));
  }
  configureConnection(db);
  migrate(db, migrations);
  return db;
}

/**
 * A second connection to a database `openDatabase` has opened and migrated, for another thread
 * (`record-writer-thread.ts`). WAL lets it write while the first one reads. With two writers, every
 * transaction that writes begins IMMEDIATE (`db.transaction(...).immediate()`): a deferred one that has
 * read and then writes after the other connection committed fails with SQLITE_BUSY at once, where an
 * immediate one waits its turn (busy_timeout).
 */
export function openConnection(file: string): Db {
  const db = new Database(file, { fileMustExist: true });
  configureConnection(db);
  return db;
}

function configureConnection(db: Db): void {
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 2000');
}

function isDamaged(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? '';
  return code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB';
}

function damaged(file: string, detail: string): StoreError {
  return new StoreError(
    `${file} is damaged (${detail.replace(/\s+/g, ' ').slice(0, 120)}); restore a backup over it (see README, "Backups") or move it away to start empty`,
  );
}

function migrate(db: Db, migrations: readonly Migration[]): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at INTEGER NOT NULL)',
  );
  const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
  const record = db.prepare('INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)');
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.description, Date.now());
    })();
  }
}

export function schemaVersion(db: Db): number {
  return (db.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get() as number | null) ?? 0;
}
