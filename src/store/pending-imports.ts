import { randomBytes } from 'node:crypto';
import type { Db } from './database.js';
import type { Author } from './server-entries.js';

/** How long an import waits for its confirmation. */
const PENDING_IMPORT_TTL_MS = 30 * 60_000;

export interface PendingImport<Plan> {
  id: string;
  guildId: string;
  userId: string;
  plan: Plan;
  createdAt: number;
  /** Set once a curator confirmed it: the import is being written, and is finished after a crash. */
  applying?: { since: number; author: Author };
}

interface PendingImportRow {
  id: string;
  guildId: string;
  userId: string;
  plan: string;
  createdAt: number;
  applyingAt: number | null;
  applyingBy: string | null;
}

const COLUMNS =
  'id, guild_id AS guildId, user_id AS userId, plan, created_at AS createdAt, applying_at AS applyingAt, applying_by AS applyingBy';

function fromRow<Plan>(row: PendingImportRow): PendingImport<Plan> {
  const { applyingAt, applyingBy, plan, ...rest } = row;
  const applying = applyingAt !== null && applyingBy !== null ? { since: applyingAt, author: JSON.parse(applyingBy) as Author } : undefined;
  return { ...rest, plan: JSON.parse(plan) as Plan, ...(applying ? { applying } : {}) };
}

/**
 * Imports validated and shown as a dry run, waiting for the curator's confirmation, and then while
 * they are written. Kept in the store so a restart between the dry run and the click, or in the
 * middle of writing, loses nothing.
 */
export class PendingImportStore {
  private readonly insert;
  private readonly select;
  private readonly selectApplying;
  private readonly markApplying;
  private readonly remove;
  private readonly removeApplied;
  private readonly expire;

  constructor(db: Db) {
    this.insert = db.prepare('INSERT INTO pending_imports (id, guild_id, user_id, plan, created_at) VALUES (?, ?, ?, ?, ?)');
    this.select = db.prepare(`SELECT ${COLUMNS} FROM pending_imports WHERE id = ? AND guild_id = ?`);
    this.selectApplying = db.prepare(`SELECT ${COLUMNS} FROM pending_imports WHERE applying_at IS NOT NULL ORDER BY applying_at`);
    this.markApplying = db.prepare('UPDATE pending_imports SET applying_at = ?, applying_by = ? WHERE id = ? AND applying_at IS NULL');
    this.remove = db.prepare('DELETE FROM pending_imports WHERE id = ? AND applying_at IS NULL');
    this.removeApplied = db.prepare('DELETE FROM pending_imports WHERE id = ?');
    this.expire = db.prepare('DELETE FROM pending_imports WHERE created_at < ? AND applying_at IS NULL');
  }

  save<Plan>(guildId: string, userId: string, plan: Plan, now = Date.now()): string {
    this.expire.run(now - PENDING_IMPORT_TTL_MS);
    const id = randomBytes(6).toString('hex');
    this.insert.run(id, guildId, userId, JSON.stringify(plan), now);
    return id;
  }

  /** The pending import, if it exists in this server and has not expired (one being applied never expires). */
  get<Plan>(guildId: string, id: string, now = Date.now()): PendingImport<Plan> | undefined {
    const row = this.select.get(id, guildId) as PendingImportRow | undefined;
    if (!row || (row.applyingAt === null && row.createdAt < now - PENDING_IMPORT_TTL_MS)) return undefined;
    return fromRow<Plan>(row);
  }

  /** Marks a confirmed import as being applied; false if it already was (a second click). */
  startApplying(id: string, author: Author, now = Date.now()): boolean {
    return this.markApplying.run(now, JSON.stringify(author), id).changes === 1;
  }

  /** Imports a crash interrupted while they were being written. */
  applying<Plan>(): PendingImport<Plan>[] {
    return (this.selectApplying.all() as PendingImportRow[]).map((row) => fromRow<Plan>(row));
  }

  /** Drops an import that is not being applied (cancelled, or refused); one being written stays until it is whole. */
  delete(id: string): void {
    this.remove.run(id);
  }

  /** Drops an import once all of it is written (in the same transaction as its last entries). */
  finished(id: string): void {
    this.removeApplied.run(id);
  }
}
